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
  // the ten provinces' borders, each with its name
  await expect(map).toHaveAttribute('data-provinces', '内蒙古,广西,重庆,四川,贵州,云南,陕西,甘肃,青海,宁夏');
  // 912 county regions: the 94 registered key counties, the rest not key counties
  await expect(map).toHaveAttribute('data-other', String(912 - 94));
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

test('coverage as a 四川 officer: the province only, its border, and a county opens on click', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const officer = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000' });
  await login(page, officer.username, officer.password);
  await menu(page).getByRole('menuitem', { name: '覆盖情况' }).click();
  await expect(page).toHaveURL(/\/coverage\?province=510000$/);

  // the selector names the province and cannot widen it (the server would not either)
  const selector = page.getByTestId('coverage-province');
  await expect(selector).toContainText('四川省');
  await expect(selector).toHaveClass(/ant-select-disabled/);
  await expect(page.getByText('西部十省')).toHaveCount(0);

  // 四川's plan target (25, all registered) and its counties only: 183 regions, 25 of them key
  await expect(page.getByTestId('stat-key-counties')).toContainText('25');
  const map = page.getByTestId('coverage-map');
  await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(map).toHaveAttribute('data-regions', '183');
  const keyOnMap = Number(await map.getAttribute('data-covered')) + Number(await map.getAttribute('data-uncovered'));
  expect(keyOnMap).toBe(25);
  await expect(map).toHaveAttribute('data-other', String(183 - 25));
  await expect(page.getByTestId('map-legend-other')).toContainText('158');
  await expect(map).toHaveAttribute('data-provinces', '四川');
  await screenshot(page, 'coverage-sc-officer');

  // the map's middle is a 四川 county, under the province's name: the name lets the click through
  const canvas = map.locator('canvas').first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the map has no canvas');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page).toHaveURL(/\/counties\/51\d{4}$/);
  await expect(page.getByTestId('county-detail')).toContainText('四川省');
});
