import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN, apiAuth, createOrganization, createUser, creditCode, login, logout, menu, screenshot, unique, OPEN_DROPDOWN } from './helpers';

const HEADERS = ['名称', '统一社会信用代码', '登记管理机关所在省', '社会组织类型', '登记级别', '类别', '业务专长', '是否建立党组织', '推荐单位'];

/** An .xlsx in the import template, built in the test. */
async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('社会组织');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('import organizations from xlsx: a bad row is reported, the fixed file is applied', async ({ page }) => {
  const a = unique('导入测试社会工作服务中心');
  const b = unique('导入测试慈善基金会');
  const good = creditCode();
  const row = (name: string, code: string) => [name, code, '北京市', '基金会', '全国性', '公益慈善类', '教育、养老', '是', '民政部'];

  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '社会组织', exact: true }).click();
  await page.getByRole('button', { name: '批量导入' }).click();
  await expect(page).toHaveURL(/\/organizations\/import$/);
  const wizard = page.getByTestId('org-import');

  // the second data row (line 3) has a malformed credit code
  await wizard.locator('input[type=file]').setInputFiles({
    name: 'organizations-bad.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook([row(a, good), row(b, '12345')]),
  });
  const errors = wizard.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  const errorRow = errors.locator('tbody tr.ant-table-row').first();
  await expect(errorRow).toContainText('3');
  await expect(errorRow).toContainText('统一社会信用代码');
  await expect(wizard.getByTestId('import-apply')).toBeDisabled();
  await expect(wizard.getByTestId('import-summary')).toContainText('共 2 行');
  await screenshot(page, 'org-import-errors');

  // fixed: both rows valid → apply
  await wizard.locator('input[type=file]').setInputFiles({
    name: 'organizations-fixed.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook([row(a, good), row(b, creditCode())]),
  });
  await expect(wizard.getByTestId('import-errors')).toHaveCount(0);
  await expect(wizard).toHaveAttribute('data-step', 'checked');
  await expect(wizard.getByTestId('import-summary')).toContainText('新增');
  await expect(wizard.getByTestId('import-apply')).toBeEnabled();
  await wizard.getByTestId('import-apply').click();
  await expect(wizard.getByTestId('import-done')).toContainText('新增 2');
  await screenshot(page, 'org-import-done');

  await page.goto(`/organizations?q=${encodeURIComponent(a)}`);
  await expect(page.getByTestId('org-table').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(page.getByTestId('org-table')).toContainText(good);
});

test('organization list filters in the URL and exports with the bearer token', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin, { name: unique('导出测试协会'), credit_code: creditCode(false, '1'), legal_form: 'social_group', category: 'industry_association' });
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/organizations');
  await expect(page.getByTestId('org-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await page.getByPlaceholder('名称或统一社会信用代码').fill(org.name);
  await page.getByPlaceholder('名称或统一社会信用代码').press('Enter');
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId('org-table').locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(page.getByTestId('list-total')).toHaveText('共 1 条');
  await page.getByTestId('org-filter-legal_form').click();
  await page.locator(OPEN_DROPDOWN).getByText('社会团体', { exact: true }).click();
  await expect(page).toHaveURL(/legal_form=social_group/);
  await expect(page.getByTestId('org-table')).toContainText(org.name);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await file.path());
  const names = wb.worksheets[0].getColumn(1).values.map(String);
  expect(names).toContain(org.name);

  const csv = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  expect((await csv).suggestedFilename()).toMatch(/\.csv$/);

  await page.goto('/organizations');
  await screenshot(page, 'organizations');
});

test('organization detail: credit code, offers and suspension with a reason', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin, { credit_code: creditCode(true) });
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(`/organizations/${org.id}`);

  const detail = page.getByTestId('org-detail');
  await expect(detail).toContainText(org.name);
  await expect(detail.getByTestId('check-failed')).toHaveText('校验位未通过，待管理员确认');
  await expect(page.getByTestId('credit-code-info')).toContainText('民政');
  await expect(page.getByTestId('credit-code-info')).toContainText('基金会');
  await expect(page.getByTestId('credit-code-info')).toContainText('100000');
  // the national admin confirms it against the certificate: who and when are shown
  await page.getByTestId('confirm-credit-code').click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(detail.getByTestId('credit-code-confirmed')).toContainText('已由 平台管理员 于');
  await expect(detail.getByTestId('check-failed')).toHaveCount(0);

  // an offer, its capacity typed in yuan with separators
  await page.getByTestId('offer-add').click();
  const form = page.getByTestId('offer-form');
  await form.getByLabel('名称').fill('乡村学校图书角');
  await form.getByLabel('帮扶类型').click();
  await page.locator(OPEN_DROPDOWN).getByText('教育', { exact: true }).click();
  await page.keyboard.press('Escape');
  await form.getByLabel('可投入资金').fill('1,250,000');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('offer-table')).toContainText('1,250,000.00 元');

  // suspension needs a reason
  await page.getByTestId('org-status-suspended').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /暂\s*停/ }).click();
  await expect(dialog).toContainText('请填写原因');
  await dialog.getByLabel('原因').fill('年检未通过');
  await screenshot(page, 'org-status-dialog');
  await dialog.getByRole('button', { name: /暂\s*停/ }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('org-status')).toHaveText('已暂停');
  await expect(page.getByTestId('org-status-reason')).toHaveText('年检未通过');
  await expect(page.getByTestId('org-status-active')).toBeVisible();
  await screenshot(page, 'organization-detail');
});

test('a viewer sees an organization but not its offers; a county officer sees both', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const offer = await request.post(`/api/v1/organizations/${org.id}/offers`, {
    headers: admin,
    data: { title: '乡村学校图书角', assistance_types: ['education'], capacity: '80000' },
  });
  expect(offer.status(), await offer.text()).toBe(201);

  const viewer = await createUser(request, admin, { role: 'viewer' });
  await login(page, viewer.username, viewer.password);
  await page.goto(`/organizations/${org.id}`);
  await expect(page.getByTestId('org-detail')).toContainText(org.name);
  await expect(page.getByTestId('offers-restricted')).toContainText('仅对本组织');
  await expect(page.getByTestId('matching-needs-restricted')).toBeVisible();
  await expect(page.getByTestId('offer-table')).toHaveCount(0);
  await screenshot(page, 'organization-detail-viewer');
  await logout(page);

  const county = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  await login(page, county.username, county.password);
  await page.goto(`/organizations/${org.id}`);
  await expect(page.getByTestId('offer-table')).toContainText('乡村学校图书角');
  await expect(page.getByTestId('offers-restricted')).toHaveCount(0);
});
