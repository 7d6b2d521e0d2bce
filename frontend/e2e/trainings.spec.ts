import { expect, test, type Page } from '@playwright/test';
import { apiAuth, confirmMove, createOrganization, createUser, login, logout, menu, OPEN_DROPDOWN, pick, screenshot, unique } from './helpers';

/** A day `days` before today, as the date pickers and the API write it. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** A participants CSV as a person saves it from Excel (with the byte order mark). */
function csv(rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  const text = '\uFEFF' + [['组织名称', '统一社会信用代码', '人数'], ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
  return { name: '参训组织.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'utf-8') };
}

/** Nothing makes the page wider than the screen (a table scrolls inside itself). */
async function fits(page: Page) {
  await expect(async () => {
    const [scroll, client] = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return [root.scrollWidth, root.clientWidth] as const;
    });
    expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
  }).toPass({ timeout: 5_000 });
}

/** Types the first and last day into the range picker, each confirmed by leaving its input. */
async function chooseDates(page: Page, start: string, end: string) {
  const form = page.getByTestId('training-form');
  await form.getByPlaceholder('开始日期').click();
  await form.getByPlaceholder('开始日期').fill(start);
  await form.getByPlaceholder('结束日期').click();
  await form.getByPlaceholder('结束日期').fill(end);
  await form.getByLabel('培训名称').click();
  await expect(form.getByPlaceholder('开始日期')).toHaveValue(start);
  await expect(form.getByPlaceholder('结束日期')).toHaveValue(end);
}

test('a provincial training: planned by 四川 through the form, one organization added and two imported after a dry run, held, attendance confirmed, and shown on the organization’s page', async ({
  page,
  request,
}) => {
  // two people, an import in two tries and a phone width: longer than the default minute on a busy machine
  test.setTimeout(180_000);
  const admin = await apiAuth(request);
  const officer = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000' });
  const byHand = await createOrganization(request, admin, { name: unique('培训测试乡村发展基金会'), registration_level: 'provincial', province_code: '510000' });
  const byName = await createOrganization(request, admin, { name: unique('培训测试社会工作服务中心') });
  const byCode = await createOrganization(request, admin, { name: unique('培训测试慈善协会') });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: byHand.id });
  const title = unique('四川省社会组织乡村振兴能力提升培训');
  const start = daysAgo(20);
  const end = daysAgo(19);

  // 计划培训: a provincial officer plans at their province's level or a county's, in their own province
  await login(page, officer.username, officer.password);
  await menu(page).getByRole('menuitem', { name: '组织培训' }).click();
  await expect(page).toHaveURL(/\/trainings$/);
  await page.getByTestId('training-create').click();
  await expect(page).toHaveURL(/\/trainings\/new$/);
  const form = page.getByTestId('training-form');
  await expect(page.getByTestId('training-level-select')).toContainText('省级');
  await expect(page.getByTestId('training-province')).toContainText('四川省');
  await page.getByTestId('training-level-select').click();
  await expect(page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option-content')).toHaveText(['省级', '县级']);
  await page.keyboard.press('Escape');
  await form.getByLabel('培训名称').fill(title);
  await chooseDates(page, start, end);
  await form.getByText('线上线下结合', { exact: true }).click();
  await form.getByLabel('地点').fill('成都市 · 四川省委党校');
  await form.getByLabel('帮扶领域').click();
  await pick(page, '产业');
  await form.getByLabel('培训主题').fill('农村电商');
  await form.getByLabel('培训主题').press('Enter');
  await form.getByLabel('培训内容').fill('面向全省参与帮扶的社会组织负责人，讲解项目对接、资金管理与农村电商。');
  await screenshot(page, 'training-form');
  await page.getByTestId('training-save').click();
  await expect(page).toHaveURL(/\/trainings\/[0-9a-f-]{36}$/);
  const trainingUrl = page.url();
  await expect(page.getByTestId('training-status')).toHaveText('计划中');
  const detail = page.getByTestId('training-detail');
  await expect(detail).toContainText('省级');
  await expect(detail).toContainText('四川省');
  await expect(detail).toContainText(`${start} 至 ${end}`);
  await expect(detail).toContainText('线上线下结合');
  await expect(detail).toContainText('农村电商');

  // one organization by hand
  const participants = page.getByTestId('training-participants');
  await page.getByTestId('participant-add').click();
  const addForm = page.getByTestId('participant-form');
  await expect(async () => {
    await addForm.getByLabel('组织').fill(byHand.name.slice(-12));
    await page.locator(OPEN_DROPDOWN).getByText(byHand.name).click({ timeout: 3_000 });
    await expect(page.getByTestId('participant-organization')).toContainText(byHand.name, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await addForm.getByLabel('人数').fill('3');
  await page.getByTestId('participant-save').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(participants.getByTestId('participants-table')).toContainText(byHand.name);
  await expect(page.getByTestId('participants-totals')).toHaveText('共 1 个组织，3 人次');

  // two more from a file: one row wrong (a head count of 0), shown by its line before anything is applied
  await page.getByTestId('participants-import').click();
  const dialog = page.getByTestId('participants-import-dialog');
  await dialog.locator('input[type=file]').setInputFiles(
    csv([
      [byName.name, '', '5'],
      ['', byCode.credit_code, '0'],
    ]),
  );
  const errors = dialog.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  const errorRow = errors.locator('tbody tr.ant-table-row');
  await expect(errorRow).toHaveCount(1);
  await expect(errorRow).toContainText('3');
  await expect(errorRow).toContainText('人数');
  await expect(dialog.getByTestId('import-summary')).toContainText('共 2 行');
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await screenshot(page, 'training-import-errors');

  // the file fixed and chosen again: clean, then applied
  await dialog.locator('input[type=file]').setInputFiles(
    csv([
      [byName.name, '', '5'],
      ['', byCode.credit_code, '2'],
    ]),
  );
  await expect(dialog.getByTestId('import-clean')).toBeVisible();
  await expect(dialog.getByTestId('import-errors')).toHaveCount(0);
  await expect(page.getByTestId('import-apply')).toBeEnabled();
  await page.getByTestId('import-apply').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('participants-totals')).toHaveText('共 3 个组织，10 人次');
  await expect(participants.getByTestId('participants-table').locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(participants.getByTestId('participants-table')).toContainText(byCode.credit_code);
  await expect(detail.getByTestId('training-head-count')).toHaveText('10');

  // 确认已举办 (its first day has passed), then attendance
  await expect(participants.getByTestId('participant-attendance-choice')).toHaveCount(0);
  await page.getByTestId('transition-held').click();
  await confirmMove(page, 'reason-confirm');
  await expect(page.getByTestId('training-status')).toHaveText('已举办');
  await expect(page.getByTestId('training-edit')).toHaveCount(0);
  const handRow = participants.locator('tbody tr.ant-table-row', { hasText: byHand.name });
  await handRow.getByText('已出席', { exact: true }).click();
  await expect(handRow.getByTestId('participant-attendance-choice')).toHaveAttribute('data-attendance', 'attended');
  // its head count stayed
  await expect(handRow.getByTestId('participant-head-count')).toHaveText('3');
  await expect(page.getByTestId('training-history').getByTestId('history-item')).toHaveCount(2);
  await screenshot(page, 'training-detail');

  // the list: found by its title, filters in the URL, an export of what it shows
  await page.goto(`/trainings?q=${encodeURIComponent(title)}`);
  const table = page.getByTestId('training-table');
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(table).toContainText('已举办');
  await expect(table).toContainText('10');
  await page.getByTestId('training-filter-level').click();
  await pick(page, '县级');
  await expect(page).toHaveURL(/level=county/);
  await expect(table).toContainText('没有符合条件的培训');
  await page.goto(`/trainings?q=${encodeURIComponent(title)}&level=provincial&year=${start.slice(0, 4)}`);
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(1);
  const download = page.waitForEvent('download');
  await page.getByTestId('training-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);

  // on a phone the list scrolls inside its table, never the page
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/trainings');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await fits(page);
  await screenshot(page, 'trainings-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await logout(page);

  // the organization's member finds it on the organization's page, read-only
  await login(page, member.username, member.password);
  await page.goto(`/organizations/${byHand.id}`);
  const card = page.getByTestId('org-trainings');
  await expect(card).toContainText(title);
  await expect(card).toContainText('已举办');
  await expect(card).toContainText(start);
  await card.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(trainingUrl);
  await expect(page.getByTestId('training-status')).toHaveText('已举办');
  await expect(page.getByTestId('transition-buttons')).toHaveCount(0);
  await expect(page.getByTestId('participant-add')).toHaveCount(0);
  const ownRow = page.getByTestId('participants-table').locator('tbody tr.ant-table-row', { hasText: byHand.name });
  await expect(ownRow.getByTestId('participant-attendance')).toHaveText('已出席');
});
