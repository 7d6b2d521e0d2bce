import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN, apiAuth, chooseIn, createOrganization, createUser, login, logout, menu, pickZhaojue, screenshot, OPEN_DROPDOWN } from './helpers';

test('a pairing for 昭觉县: proposed, accepted by the organization, confirmed by the county → active, with both consents', async ({ page, request }) => {
  test.slow(); // three people take their turns, each logging in
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });

  // a coordinator proposes it through the form: the organization is only invited
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '结对帮扶' }).click();
  await expect(page.getByTestId('pairing-table')).toBeVisible();
  await page.getByTestId('pairing-create').click();
  const form = page.getByTestId('pairing-form');
  await pickZhaojue(page, form);
  await chooseIn(page, form.getByLabel('牵头组织'), org.name, org.name);
  await form.getByLabel('帮扶类型').click();
  await page.locator(OPEN_DROPDOWN).getByText('教育', { exact: true }).click();
  await page.keyboard.press('Escape');
  await form.getByLabel('计划投入资金').fill('1,250,000');
  await form.getByLabel('计划项目数').fill('3');
  await form.getByLabel('帮扶承诺').fill('三年内援建乡村学校图书角 30 个');
  await screenshot(page, 'pairing-form');
  await page.getByTestId('pairing-submit').click();

  await expect(page).toHaveURL(/\/pairings\/[0-9a-f-]{36}$/);
  const url = page.url();
  const detail = page.getByTestId('pairing-detail');
  await expect(detail.getByTestId('pairing-status')).toHaveText('已申请');
  await expect(detail.getByTestId('planned-funds')).toHaveText('1,250,000.00 元');
  await expect(page.getByTestId('pairing-members')).toContainText(org.name);
  await expect(page.getByTestId('pairing-members')).toContainText('牵头组织');
  const orgConsent = page.getByTestId('consent-organization');
  const countyConsent = page.getByTestId('consent-county');
  await expect(orgConsent.getByTestId('consent-tag')).toHaveText('待接受');
  await expect(countyConsent).toContainText('待县级确认');
  // a coordinator may recommend or terminate; it neither accepts for the organization nor confirms for the county
  await expect(page.getByTestId('transition-recommended')).toBeVisible();
  await expect(page.getByTestId('transition-accepted')).toHaveCount(0);
  await expect(page.getByTestId('transition-confirmed')).toHaveCount(0);
  await logout(page);

  // the organization finds the invitation among its own and accepts it
  await login(page, member.username, member.password);
  await menu(page).getByRole('menuitem', { name: '结对帮扶' }).click();
  const invitations = page.getByTestId('pairing-invitations');
  await expect(invitations).toContainText('昭觉县');
  await screenshot(page, 'pairing-invitations');
  await invitations.getByRole('row', { name: /昭觉县/ }).getByTestId('invitation-open').click();
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId('transition-buttons').getByRole('button')).toHaveCount(2);
  await expect(page.getByTestId('transition-declined')).toBeVisible();
  await page.getByTestId('transition-accepted').click();
  await page.getByRole('dialog').getByRole('button', { name: /接\s*受/ }).click();
  await expect(detail.getByTestId('pairing-status')).toHaveText('组织已接受');
  await expect(orgConsent.getByTestId('consent-tag')).toHaveText('已接受');
  await expect(orgConsent.getByTestId('consent-by')).toContainText(member.username);
  await expect(page.getByTestId('transition-terminated')).toBeVisible(); // it may still withdraw
  await logout(page);

  // the county consents: the last consent publishes the pairing at once
  await login(page, officer.username, officer.password);
  await page.goto(url);
  await expect(page.getByTestId('transition-buttons').getByRole('button')).toHaveCount(1);
  await page.getByTestId('transition-confirmed').click();
  await page.getByRole('dialog').getByLabel('理由（可选）').fill('县乡村振兴局同意结对');
  await page.getByRole('dialog').getByRole('button', { name: '县级确认' }).click();
  await expect(detail.getByTestId('pairing-status')).toHaveText('帮扶中');
  await expect(countyConsent).toContainText('县级已确认');
  await expect(countyConsent.getByTestId('consent-by')).toContainText(officer.username);
  await expect(page.getByTestId('no-transitions')).toBeVisible();
  await logout(page);

  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(url);
  await expect(detail.getByTestId('pairing-status')).toHaveText('帮扶中');
  await expect(page.getByTestId('transition-concluded')).toBeVisible();
  const history = page.getByTestId('pairing-history').getByTestId('history-item');
  await expect(history).toHaveCount(3);
  await expect(history.nth(0)).toContainText('提交申请 · 已申请');
  await expect(history.nth(0)).toContainText('平台管理员');
  await expect(history.nth(1)).toContainText('已申请 → 组织已接受');
  await expect(history.nth(1).getByTestId('history-consent')).toHaveText(`${org.name} 接受结对`);
  await expect(history.nth(1)).toContainText(member.username);
  await expect(history.nth(2)).toContainText('组织已接受 → 帮扶中');
  await expect(history.nth(2).getByTestId('history-consent')).toHaveText('县级确认同意');
  await expect(history.nth(2)).toContainText(officer.username);
  await expect(history.nth(2)).toContainText('县乡村振兴局同意结对');

  // local cultivation, with totals
  for (const [date, trainings] of [
    ['2025-03-01', '2'],
    ['2025-06-01', '3'],
  ]) {
    await page.getByTestId('cultivation-add').click();
    const c = page.getByTestId('cultivation-form');
    await c.getByLabel('日期').fill(date);
    await c.getByLabel('日期').press('Enter');
    await c.getByLabel('培训场次').fill(trainings);
    await c.getByLabel('志愿者').fill('10');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
  }
  const total = page.getByTestId('cultivation-total');
  await expect(total).toContainText('合计');
  await expect(total).toContainText('5');
  await expect(total).toContainText('20');
  await screenshot(page, 'pairing-detail');

  // the county page lists it
  await page.goto('/counties/513431');
  await expect(page.getByTestId('county-pairings')).toContainText(org.name);
  // the county's page also says whether it is covered, and counts its projects and needs
  await expect(page.getByTestId('county-coverage')).toContainText('已覆盖');
  await expect(page.getByTestId('county-projects-docking')).toHaveAttribute('href', '/projects?county=513431&status=docking');
  await expect(page.getByTestId('county-needs')).toBeVisible();
  await screenshot(page, 'county-detail');

  await page.goto('/pairings?county=513431');
  await expect(page.getByTestId('pairing-table')).toContainText(org.name);
  await screenshot(page, 'pairings');

  // the list as it is filtered, as a file: every row is 昭觉县's, this pairing among them
  const download = page.waitForEvent('download');
  await page.getByTestId('pairing-export-csv').click();
  const csv = await download;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0].split(',').slice(0, 4)).toEqual(['县代码', '县', '省级代码', '牵头组织']);
  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines.slice(1)) expect(line.startsWith('513431,昭觉县,')).toBe(true);
  expect(lines.some((l) => l.includes(org.name) && l.includes('帮扶中'))).toBe(true);
  await expect(page.locator('.ant-message')).toContainText('已导出');
});

test('a pairing whose organization is suspended is flagged for review', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const created = await request.post('/api/v1/pairings', {
    headers: admin,
    data: { county_code: '513431', lead_organization_id: org.id, assistance_types: ['health'], channel: 'national_org' },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const read = await request.get(`/api/v1/organizations/${org.id}`, { headers: admin });
  const suspended = await request.post(`/api/v1/organizations/${org.id}/transitions`, {
    headers: { ...admin, 'If-Match': read.headers()['etag'] },
    data: { to: 'suspended', reason: '涉嫌违规募捐' },
  });
  expect(suspended.status()).toBe(200);

  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(`/pairings/${id}`);
  await expect(page.getByTestId('pairing-detail').getByTestId('review-flag')).toContainText('待复核');
  await expect(page.getByTestId('review-alert')).toContainText('涉嫌违规募捐');
  await screenshot(page, 'pairing-review-flag');
});
