import { expect, test } from '@playwright/test';
import { ADMIN, apiAuth, login, menu, screenshot, OPEN_DROPDOWN, choose } from './helpers';

const COUNTIES = '/api/v1/counties?limit=1';

test('issue an API token for 四川, use it once, revoke it', async ({ page, request }) => {
  const name = `四川省统计系统-${Date.now().toString(36)}`;
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: 'API 令牌' }).click();
  await expect(page).toHaveURL(/\/api-tokens$/);
  await page.getByRole('button', { name: '签发令牌' }).click();

  const form = page.getByTestId('token-form');
  await form.getByLabel('名称').fill(name);
  // a 422 field error is shown as the server words it
  await choose(page, form.getByLabel('角色'), '社会组织成员');
  await page.getByRole('dialog').getByRole('button', { name: /签\s*发/ }).click();
  await expect(form).toContainText('角色 org_member 必须填写此项');
  await choose(page, form.getByLabel('角色'), '省级工作人员');
  await form.getByLabel('省份').fill('四川');
  await page.locator(OPEN_DROPDOWN).getByText('四川省', { exact: true }).click();
  await screenshot(page, 'api-token-form');
  await page.getByRole('dialog').getByRole('button', { name: /签\s*发/ }).click();

  // the secret, shown once
  const dialog = page.getByTestId('token-secret-dialog');
  await expect(dialog).toContainText('请立即保存，关闭后无法再次查看');
  const secret = (await dialog.getByTestId('token-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^zxt_/);
  await screenshot(page, 'api-token-secret');
  await page.getByTestId('token-secret-close').click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);

  const bearer = { Authorization: `Bearer ${secret}` };
  expect((await request.get(COUNTIES, { headers: bearer })).status()).toBe(200);

  const row = page.getByTestId('token-table').getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('省级工作人员');
  await expect(row).toContainText('四川省');
  await expect(row.getByTestId('token-status')).toHaveText('有效');

  await row.getByRole('button', { name: /吊\s*销/ }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '吊销后使用该令牌的系统将立即无法访问' });
  await expect(confirm).toBeVisible();
  await screenshot(page, 'api-token-revoke-confirm');
  await confirm.getByRole('button', { name: /吊\s*销/ }).click();
  await expect(row.getByTestId('token-status')).toHaveText('已吊销');
  await expect(row.getByRole('button', { name: /吊\s*销/ })).toHaveCount(0);
  await expect(row).not.toContainText('从未使用'); // the list was read again: last_used_at is set
  await screenshot(page, 'api-tokens');

  expect((await request.get(COUNTIES, { headers: bearer })).status()).toBe(401);
});

test('the audit log shows a token being issued and revoked', async ({ page, request }) => {
  // the token is issued and revoked through the API, so this test stands alone
  const name = `审计测试-${Date.now().toString(36)}`;
  const admin = await apiAuth(request);
  const created = await request.post('/api/v1/api-tokens', {
    headers: admin,
    data: { name, role: 'provincial_officer', province_code: '510000' },
  });
  expect(created.status()).toBe(201);
  const { token } = (await created.json()) as { token: { id: string } };
  const read = await request.get(`/api/v1/api-tokens/${token.id}`, { headers: admin });
  const etag = read.headers()['etag'];
  expect(etag).toBeTruthy();
  expect((await request.delete(`/api/v1/api-tokens/${token.id}`, { headers: { ...admin, 'If-Match': etag } })).status()).toBe(204);

  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId('audit-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await page.getByTestId('audit-entity-type').click();
  await page.locator(OPEN_DROPDOWN).getByText('API 令牌', { exact: true }).click();
  await expect(page).toHaveURL(/entity_type=api_token/);

  const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').filter({ hasText: token.id });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('audit-action')).toHaveText('吊销令牌');
  await expect(rows.nth(1).getByTestId('audit-action')).toHaveText('签发令牌');
  await expect(rows.nth(0)).toContainText(ADMIN.username);

  await rows.nth(0).getByRole('button', { name: '展开行' }).click();
  const diff = page.getByTestId('audit-diff');
  await expect(diff.getByTestId('audit-before')).toContainText('"revoked_at": null');
  await expect(diff.getByTestId('audit-after')).toContainText(name);
  await expect(diff).toContainText('revoked_at');
  await screenshot(page, 'audit-log');
});
