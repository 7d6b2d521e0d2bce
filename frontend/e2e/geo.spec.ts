import { expect, test } from '@playwright/test';
import { ADMIN, login, menu, screenshot } from './helpers';

test('a failed login shows the reason', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill('nobody');
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await screenshot(page, 'login-failed');
});

test('with the UI in English, a failed login shows the server’s English message', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('language-switch').getByText('English').click();
  await page.getByLabel('Username').fill('nobody-en');
  await page.getByLabel('Password').fill('not-the-password');
  const login = page.waitForRequest('**/api/v1/auth/login');
  await page.getByRole('button', { name: /Log in/ }).click();
  expect((await login).headers()['accept-language']).toBe('en');
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
  await screenshot(page, 'login-failed-en');
});

test('key counties filter, search and county detail', async ({ page }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '县', exact: true }).click();
  await expect(page).toHaveURL(/\/counties/);
  const table = page.getByTestId('county-table');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await screenshot(page, 'counties');

  await page.getByTestId('key-only-switch').click();
  await expect(page).toHaveURL(/key=1/);
  await expect(page.getByTestId('list-total')).toHaveText(/共 94 条/);
  const rows = table.locator('tbody tr.ant-table-row');
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  await expect(table.getByTestId('key-county-tag')).toHaveCount(n);
  await screenshot(page, 'counties-key-only');

  // keyset pagination: 94 key counties make two pages of 50
  await page.getByRole('button', { name: '下一页' }).click();
  await expect(page.getByText('第 2 页')).toBeVisible();
  await expect(table.getByTestId('key-county-tag')).toHaveCount(44);
  await page.getByRole('button', { name: '上一页' }).click();
  await expect(page.getByText('第 1 页')).toBeVisible();

  const search = page.getByPlaceholder('名称或区划代码');
  await search.fill('昭觉');
  await search.press('Enter');
  await expect(page).toHaveURL(/q=/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('513431');
  await rows.first().getByRole('link', { name: '昭觉县' }).click();

  await expect(page).toHaveURL(/\/counties\/513431$/);
  const detail = page.getByTestId('county-detail');
  await expect(detail).toContainText('凉山彝族自治州');
  await expect(detail).toContainText('四川省');
  await expect(detail.getByTestId('key-county-tag')).toHaveText('重点帮扶县');
  await screenshot(page, 'county-detail');
});

test('provinces, east-west pairs and the key-county summary', async ({ page }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '省份' }).click();
  await expect(page.getByTestId('province-table').locator('tbody tr.ant-table-row')).toHaveCount(31);
  await expect(page.getByTestId('pairs-table')).toBeVisible();
  await screenshot(page, 'provinces');

  await page.getByTestId('province-table').getByRole('link', { name: '四川省' }).click();
  await expect(page).toHaveURL(/province=510000/);
  await expect(page.getByTestId('county-table').locator('tbody tr.ant-table-row').first()).toContainText('四川省');

  await menu(page).getByRole('menuitem', { name: '重点帮扶县' }).click();
  await expect(page.getByTestId('key-county-gap')).toContainText('已登记 94 / 160，缺 66');
  // every province of the plan has its row, 甘肃 before any of its 23 counties is registered
  const gansu = page.getByTestId('key-county-by-province').getByRole('row', { name: /甘肃省/ });
  await expect(gansu).toContainText('23');
  await expect(gansu.locator('td').nth(3)).toHaveText('0');
  await expect(page.getByTestId('import-wizard')).toBeVisible();
  await screenshot(page, 'key-counties');
});

test('language switch', async ({ page }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(menu(page).getByRole('menuitem', { name: 'Counties', exact: true })).toBeVisible();
  // screen readers and the browser's own translation read the page in the language it is in
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: /Log out/ })).toBeVisible();
  await screenshot(page, 'english');
  await page.getByTestId('language-switch').getByText('中文').click();
  await expect(menu(page).getByRole('menuitem', { name: '县', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('a county’s page: its coverage, projects by status and needs; a page that does not exist offers no retry', async ({ page }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/counties/513431');
  await expect(page.getByTestId('county-detail')).toContainText('昭觉县');
  await expect(page.getByTestId('county-coverage')).toBeVisible();
  await expect(page.getByTestId('county-projects-landed')).toHaveAttribute('href', '/projects?county=513431&status=landed');
  await expect(page.getByTestId('county-needs')).toBeVisible();
  await expect(page.getByTestId('county-pairings')).toBeVisible();
  // asking again cannot bring back what does not exist
  await page.goto('/projects/00000000-0000-7000-8000-000000000000');
  await expect(page.locator('.ant-alert')).toBeVisible();
  await expect(page.getByRole('button', { name: /重\s*试/ })).toHaveCount(0);
});

test('a national admin changes the key-county flag with If-Match', async ({ page }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/counties/510104');
  const detail = page.getByTestId('county-detail');
  await expect(detail).toContainText('锦江区');
  const edit = detail.getByTestId('key-county-edit');
  await expect(edit).not.toBeChecked();
  await edit.click();
  await expect(detail.getByTestId('key-county-tag')).toBeVisible();
  await expect(edit).toBeChecked();
  // and back, so the other tests still see the seed's 94
  await edit.click();
  await expect(detail.getByTestId('key-county-tag')).toHaveCount(0);
  await expect(edit).not.toBeChecked();
});

test('key-county import: dry run shows changes and errors, apply refused while errors remain', async ({ page }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '重点帮扶县' }).click();
  const wizard = page.getByTestId('import-wizard');
  await wizard.locator('input[type=file]').setInputFiles({
    name: 'key-counties.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('code,name,key_county\n510104,锦江区,1\n513431,昭觉县,1\n999999,不存在,1\n'),
  });
  await expect(wizard.getByTestId('import-changes')).toContainText('510104');
  await expect(wizard.getByTestId('import-errors')).toContainText('999999');
  await expect(wizard.getByTestId('import-summary')).toContainText('共 3 行');
  await expect(wizard.getByTestId('import-apply')).toBeDisabled();
  await screenshot(page, 'key-county-import');
  await expect(page.getByTestId('key-county-gap')).toContainText('已登记 94 / 160');
});
