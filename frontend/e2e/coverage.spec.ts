import { expect, test } from '@playwright/test';
import { ADMIN, apiAuth, createOrganization, createPairing, createUser, login, menu, movePairing, screenshot, OPEN_DROPDOWN } from './helpers';

test('coverage: activating a pairing for an uncovered key county raises the covered count and recolours the map', async ({
  page,
  request,
}) => {
  const admin = await apiAuth(request);
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '覆盖情况' }).click();
  await expect(page).toHaveURL(/\/coverage$/);

  const map = page.getByTestId('coverage-map');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  const covered = Number(await page.getByTestId('stat-covered').locator('.ant-statistic-content-value').textContent());
  const mapCovered = Number(await map.getAttribute('data-covered'));
  expect(mapCovered).toBe(covered); // the ten provinces hold every key county
  // measured against the national list of 160, with the counties not registered yet named as
  // their own part of the gap (94 registered in the seed)
  await expect(page.getByTestId('stat-key-counties')).toContainText('160');
  await expect(page.getByTestId('stat-key-counties').locator('..')).toContainText('已登记 94');
  await expect(page.getByTestId('coverage-unregistered')).toContainText('另有 66 个重点帮扶县尚未在平台登记');
  await expect(page.getByTestId('stat-uncovered-parts')).toContainText('未登记 66');
  await expect(page.getByTestId('uncovered-table')).toBeVisible();
  await screenshot(page, 'coverage');

  // an uncovered key county gets an active pairing
  const coverage = (await (await request.get('/api/v1/coverage', { headers: admin })).json()) as {
    uncovered: { code: string; name: string }[];
  };
  const county = coverage.uncovered[0];
  const org = await createOrganization(request, admin);
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: county.code });
  const officerAuth = await apiAuth(request, officer.username, officer.password);
  // the organization applies (its acceptance) and the county confirms: both consents make it active
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const pairing = await createPairing(request, memberAuth, { county_code: county.code, lead_organization_id: org.id });
  await movePairing(request, officerAuth, pairing.id, 'confirmed');

  await page.reload();
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('stat-covered').locator('.ant-statistic-content-value')).toHaveText(String(covered + 1));
  await expect(map).toHaveAttribute('data-covered', String(mapCovered + 1));
  await expect(page.getByTestId('uncovered-table')).not.toContainText(county.code);
  await expect(page.getByTestId('map-legend-covered')).toContainText(String(mapCovered + 1));
  await screenshot(page, 'coverage-after');

  // one province, zoomed
  await page.getByTestId('coverage-province').click();
  await page.locator(OPEN_DROPDOWN).getByText('四川省', { exact: true }).click();
  await expect(page).toHaveURL(/province=510000/);
  await expect(map).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('uncovered-table')).not.toContainText('贵州省');
  await screenshot(page, 'coverage-sichuan');
});
