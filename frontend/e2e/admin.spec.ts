import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADMIN, apiAuth, createOrganization, createProject, createUser, login, menu, moveProject, screenshot, OPEN_DROPDOWN, choose, chooseIn } from './helpers';

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
  // again if the click on the option was lost while the searched list was still filtering (seen in CI)
  await chooseIn(page, form.getByLabel('省份'), '四川省', '四川');
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

  // the object reads by its name and opens its page
  const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row').filter({ hasText: name });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('audit-action')).toHaveText('吊销 API 令牌');
  await expect(rows.nth(1).getByTestId('audit-action')).toHaveText('签发 API 令牌');
  await expect(rows.nth(0).getByTestId('audit-entity-link')).toHaveAttribute('href', '/api-tokens');
  await expect(rows.nth(0)).toContainText(ADMIN.username);
  await expect(rows.nth(0).getByTestId('audit-actor')).toHaveText('平台管理员');
  // the department the admin belonged to when acting
  await expect(rows.nth(0).getByTestId('audit-department')).toHaveText('乡村振兴部门');

  await rows.nth(0).getByRole('button', { name: '展开行' }).click();
  const diff = page.getByTestId('audit-diff');
  await expect(diff.getByTestId('audit-before')).toContainText('"revoked_at": null');
  await expect(diff.getByTestId('audit-after')).toContainText(name);
  await expect(diff).toContainText('revoked_at');
  await screenshot(page, 'audit-log');
});

test('the audit log labels a project’s moves, names who made them, links the project, filters by actor and day, and exports', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id, display_name: '赵敏' });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const project = await createProject(request, memberAuth, { organizations: [{ organization_id: org.id, role: 'lead' }] });
  await moveProject(request, memberAuth, project.id, 'signed', '协议已签');

  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/audit?entity_type=project');
  const table = page.getByTestId('audit-table');
  const rows = table.locator('tbody tr.ant-table-row').filter({ has: page.locator(`a[href="/projects/${project.id}"]`) });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('audit-entity-link')).toHaveText(project.title);
  await expect(rows.nth(0).getByTestId('audit-action')).toHaveText('项目状态变更');
  await expect(rows.nth(1).getByTestId('audit-action')).toHaveText('创建对接项目');
  await expect(rows.nth(0).getByTestId('audit-actor')).toHaveText(`赵敏（${org.name}）`);
  await expect(rows.nth(0)).toContainText(member.username);
  await expect(rows.nth(0).getByTestId('audit-department')).toHaveText('—'); // an organization's member has none
  await expect(rows.nth(0).getByTestId('audit-changed')).toContainText('status');
  await expect(rows.nth(0).getByTestId('audit-entity-link')).toHaveAttribute('href', `/projects/${project.id}`);
  await screenshot(page, 'audit-project');

  // by actor: a click on the name; then today's events only, by the date range
  await rows.nth(0).getByTestId('audit-actor').click();
  await expect(page).toHaveURL(/actor=/);
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(2);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await page.goto(`${page.url()}&from=${today}&to=${today}`);
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: '日期范围' }).first()).toHaveValue(today);
  await page.goto(page.url().replace(`from=${today}&to=${today}`, 'from=2020-01-01&to=2020-01-31'));
  await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(0);
  await expect(table.locator('.ant-empty')).toBeVisible();

  // the export takes the filters: every event of the member on the project's entity type
  await page.goto(page.url().replace('from=2020-01-01&to=2020-01-31', ''));
  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-log-.*\.csv$/);
  const text = readFileSync(await file.path(), 'utf8');
  expect(text).toContain('项目状态变更');
  expect(text).toContain(`赵敏（${org.name}）`);
  expect(text).not.toContain('签发 API 令牌');
});
