import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN, apiAuth, choose, confirmMove, createOrganization, createProject, createUser, login, logout, menu, OPEN_DROPDOWN, screenshot, unique } from './helpers';

/** Nothing makes the page wider than the screen once the layout has settled (tables scroll inside). */
async function fitsSideways(page: Page) {
  await expect(async () => {
    // a function, not a string: the server's Content-Security-Policy blocks eval
    const [scroll, client] = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return [root.scrollWidth, root.clientWidth];
    });
    expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
  }).toPass({ timeout: 5_000 });
}

/** Yesterday at 09:30, as the date-time picker takes it typed. */
function yesterdayMorning(): string {
  const d = new Date(Date.now() - 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} 09:30`;
}

/** Picks the organization in the report form's picker: typed, chosen, and checked (again if a late search replaced the options). */
async function pickOrganization(page: Page, form: Locator, name: string) {
  const field = form.getByLabel('社会组织', { exact: true });
  await expect(async () => {
    await field.click();
    await field.fill(name);
    await page.locator(OPEN_DROPDOWN).getByText(name, { exact: true }).click({ timeout: 5_000 });
    await expect(form.getByTestId('incident-organization')).toContainText(name, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test('a county reports a 重大 incident, the nation and the province are told, the province takes it up and suspends the organization; the project is flagged and shows in the risk view', async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = await apiAuth(request);
  // an organization of 四川 working in 昭觉县, with a project there
  const org = await createOrganization(request, admin, { name: unique('凉山助学促进会'), province_code: '510000' });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const project = await createProject(request, memberAuth, { title: unique('村小营养餐'), organizations: [{ organization_id: org.id, role: 'lead' }] });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431', display_name: '昭觉县乡村振兴局' });
  const province = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000', display_name: '四川省乡村振兴局' });
  // what the national admin has unread before the report
  const before = ((await (await request.get('/api/v1/me/notifications', { headers: admin, params: { limit: 1 } })).json()) as { unread: number }).unread;
  const title = unique('食堂食物中毒');

  // ---- the county officer reports it from 事件处置 -------------------------------------------
  await login(page, officer.username, officer.password);
  await menu(page).getByRole('menuitem', { name: '事件处置' }).click();
  await expect(page).toHaveURL(/\/incidents$/);
  await expect(page.getByTestId('incident-table')).toBeVisible();
  await page.getByTestId('incident-create').click();
  const form = page.getByTestId('incident-report-form');
  await expect(form).toBeVisible();
  // nothing filled: each field says what it needs; the county is the officer's own already
  await page.getByTestId('incident-report-submit').click();
  await expect(form).toContainText('请选择事件涉及的社会组织');
  await expect(form).toContainText('请选择事件等级');
  await expect(form.getByTestId('county-picker')).toContainText('昭觉县');

  await pickOrganization(page, form, org.name);
  await choose(page, form.getByLabel('项目', { exact: true }), `${project.title}（昭觉县）`);
  // the project says where it happened: no county to choose
  await expect(form.getByTestId('county-picker')).toHaveCount(0);
  await choose(page, form.getByLabel('类型', { exact: true }), '安全事故');
  await form.getByText('重大', { exact: true }).click();
  await expect(form).toContainText('重大、特别重大事件报告后，将立即告知国家级管理员和所在省级工作人员');
  const when = form.getByLabel('发生时间', { exact: true });
  await when.click();
  await when.fill(yesterdayMorning());
  await when.press('Enter');
  await expect(when).toHaveValue(yesterdayMorning());
  await form.getByLabel('标题', { exact: true }).fill(title);
  await form.getByLabel('事件经过', { exact: true }).fill('午餐后 12 名学生腹痛呕吐，已送县医院观察，食堂暂停供餐。');
  await screenshot(page, 'incident-report');
  await page.getByTestId('incident-report-submit').click();

  // the new incident's page
  await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const detail = page.getByTestId('incident-detail');
  await expect(detail.getByTestId('incident-severity')).toHaveText('重大');
  await expect(detail).toContainText(org.name);
  await expect(detail.getByTestId('incident-project-link')).toHaveText(project.title);
  await expect(page.getByTestId('incident-status').first()).toHaveText('已报告');
  await expect(page.getByTestId('incident-history')).toContainText('报告事件 · 已报告');
  await logout(page);

  // ---- the national admin is told at once -----------------------------------------------------
  await login(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('notification-count')).toHaveText(String(before + 1));
  await page.getByTestId('notification-bell').click();
  const adminItem = page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: title });
  await expect(adminItem).toContainText('重大事件');
  await expect(adminItem).toContainText(`发生重大事件“${title}”，请及时关注处置`);
  await logout(page);

  // ---- the province follows the notice, takes it up and suspends the organization -------------
  await login(page, province.username, province.password);
  await expect(page.getByTestId('notification-count')).toHaveText('1');
  await page.getByTestId('notification-bell').click();
  await page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: title }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${id}$`));

  await page.getByTestId('transition-handling').click();
  await confirmMove(page, 'reason-confirm');
  await expect(page.getByTestId('incident-status').first()).toHaveText('处置中');
  await expect(page.getByTestId('incident-history')).toContainText('已报告 → 处置中');

  const step = page.getByTestId('incident-step-form');
  await step.getByLabel('处置措施').fill('责令停止供餐，资金使用情况核查中');
  await step.getByTestId('incident-step-suspend').check();
  await step.getByTestId('incident-step-save').click();
  // confirmed first: the organization's pairings, projects and brands will be flagged
  const confirm = page.locator('.ant-modal-confirm');
  await expect(confirm).toContainText(`确定暂停“${org.name}”？`);
  await expect(async () => {
    if (await confirm.isVisible()) await page.getByTestId('suspend-confirm').click({ timeout: 2_000 });
    await expect(confirm).toBeHidden({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
  const log = page.getByTestId('incident-log');
  await expect(log.getByTestId('incident-log-step')).toHaveCount(1);
  await expect(log.getByTestId('incident-log-step')).toContainText('责令停止供餐，资金使用情况核查中');
  await expect(log.getByTestId('incident-log-suspended')).toHaveText('暂停了该组织');
  // the organization is suspended now, and the page says so
  await expect(page.getByTestId('incident-org-alert')).toContainText(`“${org.name}”已暂停`);
  await expect(detail.getByTestId('org-status')).toHaveText('已暂停');
  await expect(step.getByTestId('incident-step-suspend')).toHaveCount(0);
  await screenshot(page, 'incident-detail');

  // the organization's page: 已暂停, with the incident among its own
  await detail.getByRole('link', { name: org.name }).click();
  await expect(page).toHaveURL(new RegExp(`/organizations/${org.id}$`));
  await expect(page.getByTestId('org-detail').getByTestId('org-status')).toHaveText('已暂停');
  await expect(page.getByTestId('incidents-card')).toContainText(title);
  await page.goBack();

  // the project's page: flagged for review, the incident listed, and 报告事件 with the project chosen
  await page.getByTestId('incident-project-link').click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await expect(page.getByTestId('review-alert')).toBeVisible();
  const card = page.getByTestId('incidents-card');
  await expect(card.getByTestId('incident-severity')).toHaveText('重大');
  await expect(card).toContainText(title);
  await card.getByTestId('project-report-incident').click();
  await expect(page.getByTestId('incident-project-fixed')).toHaveText(`${project.title}（昭觉县）`);
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // ---- the risk view lists the project: flagged, with an open incident --------------------------
  await menu(page).getByRole('menuitem', { name: '风险研判' }).click();
  await expect(page).toHaveURL(/\/risks$/);
  const row = page.getByTestId('risk-project-table').locator('tr', { hasText: project.title });
  await expect(row.getByTestId('risk-reason')).toHaveText(['已标记复核', '有未结事件（1）']);
  await expect(page.getByTestId('risk-severity-table').locator('tr').filter({ has: page.locator('[data-severity="high"]') })).toContainText('1');
  await expect(page.getByTestId('risk-projects-total')).toContainText('共');
  await screenshot(page, 'risks');

  // on a phone the view and the incident fit the screen: their tables scroll inside
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(row).toBeVisible();
  await fitsSideways(page);
  await screenshot(page, 'risks-phone');
  await page.goto(`/incidents/${id}`);
  await expect(page.getByTestId('incident-detail')).toBeVisible();
  await fitsSideways(page);
});
