import { expect, test } from '@playwright/test';
import { ADMIN, apiAuth, choose, createUser, login, logout, menu, pickZhaojue, screenshot, unique } from './helpers';

test('create a county officer, who then cannot administer users', async ({ page }) => {
  const username = `zhaojue${Date.now().toString(36)}`;
  const password = 'County-Passw0rd!';

  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '用户管理' }).click();
  await expect(page.getByTestId('user-table')).toBeVisible();
  await expect(page.getByTestId('list-total')).toHaveText(/共 \d+ 条/);
  await page.getByRole('button', { name: '新建用户' }).click();

  const form = page.getByTestId('user-form');
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('昭觉县工作人员');
  await form.getByLabel('密码').fill(password);
  await choose(page, form.getByLabel('角色'), '县级工作人员');
  await pickZhaojue(page, form);
  await screenshot(page, 'user-form');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // the other specs' users fill the first page (50 rows) before this one: look it up
  await page.getByPlaceholder('用户名或姓名').fill(username);
  await page.getByPlaceholder('用户名或姓名').press('Enter');
  const row = page.getByTestId('user-table').getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('县级工作人员');
  await expect(row).toContainText('昭觉县（513431）');
  await screenshot(page, 'users');

  // edit with If-Match
  await row.getByRole('button', { name: /编\s*辑/ }).click();
  const edit = page.getByTestId('user-edit-form');
  await expect(edit.getByLabel('姓名')).toHaveValue('昭觉县工作人员');
  await edit.getByLabel('姓名').fill('昭觉县乡村振兴局');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(row).toContainText('昭觉县乡村振兴局');
  await logout(page);

  await login(page, username, password);
  await expect(page.getByTestId('current-role')).toHaveText('县级工作人员');
  await expect(menu(page).getByRole('menuitem', { name: '县', exact: true })).toBeVisible();
  await expect(menu(page).getByRole('menuitem', { name: '用户管理' })).toHaveCount(0);
  await screenshot(page, 'county-officer');
  await logout(page);
});

test('a county officer locked out by failed logins is shown so, and the province clears the lock', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const province = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000' });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431', display_name: '昭觉县乡村振兴局 张强' });
  for (let i = 0; i < 5; i++) {
    const r = await request.post('/api/v1/auth/login', { data: { username: officer.username, password: 'not-the-password' } });
    expect(r.status()).toBe(401);
  }
  expect((await request.post('/api/v1/auth/login', { data: { username: officer.username, password: officer.password } })).status()).toBe(429);

  // the 四川 officer manages 四川's county officers: the list shows the lock until when, and clears it
  await login(page, province.username, province.password);
  await page.goto(`/users?q=${officer.username}`);
  const row = page.getByTestId('user-table').locator('tbody tr.ant-table-row').filter({ hasText: officer.username });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('user-locked')).toContainText('登录锁定至');
  await screenshot(page, 'user-locked');
  await row.getByTestId('user-unlock').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '解除锁定' }).click();
  await expect(page.getByText(`已解除“昭觉县乡村振兴局 张强”的登录锁定`)).toBeVisible();
  await expect(row.getByTestId('user-locked')).toHaveCount(0);
  expect((await request.post('/api/v1/auth/login', { data: { username: officer.username, password: officer.password } })).status()).toBe(200);
});

test('the admin creates a 民政部门 provincial officer: the list shows and filters the department, and the header names it', async ({ page }) => {
  const username = unique('minzheng');
  const password = 'Civil-Affairs-Passw0rd!';
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/users');
  await page.getByRole('button', { name: '新建用户' }).click();

  const form = page.getByTestId('user-form');
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('四川省民政厅');
  await form.getByLabel('密码').fill(password);
  // an organization's member has no department; a provincial officer has, 乡村振兴部门 unless chosen
  await choose(page, form.getByLabel('角色'), '社会组织成员');
  await expect(form.getByLabel('部门')).toHaveCount(0);
  await choose(page, form.getByLabel('角色'), '省级工作人员');
  await expect(form.getByTestId('user-department')).toContainText('乡村振兴部门');
  // the provinces' list is long (virtual): search it
  await form.getByLabel('省份').click();
  await form.getByLabel('省份').fill('四川');
  await choose(page, form.getByLabel('省份'), '四川省');
  await choose(page, form.getByLabel('部门'), '民政部门');
  await screenshot(page, 'user-form-department');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  await page.getByPlaceholder('用户名或姓名').fill(username);
  await page.getByPlaceholder('用户名或姓名').press('Enter');
  const row = page.getByTestId('user-table').locator('tbody tr.ant-table-row').filter({ hasText: username });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('省级工作人员');
  await expect(row.getByTestId('user-department-cell')).toHaveText('民政部门');

  // the department filter keeps it under 民政部门 and not under 乡村振兴部门
  const filter = page.getByTestId('user-department-filter').getByRole('combobox');
  await choose(page, filter, '乡村振兴部门');
  await expect(row).toHaveCount(0);
  await choose(page, filter, '民政部门');
  await expect(row).toHaveCount(1);
  await screenshot(page, 'users-department');

  // the edit form holds it
  await row.getByRole('button', { name: /编\s*辑/ }).click();
  await expect(page.getByTestId('user-edit-form').getByTestId('user-department')).toContainText('民政部门');
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await logout(page);

  await login(page, username, password);
  await expect(page.getByTestId('current-department')).toHaveText('民政部门');
});
