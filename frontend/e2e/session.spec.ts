import { expect, test, type Page } from '@playwright/test';
import { ADMIN, apiAuth, createOrganization, createProject, login, logout, menu } from './helpers';

/** Signs in on the login page where it stands (keeping its ?next=). */
async function signInHere(page: Page) {
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

test('a form being filled in when the session expires is kept as a draft and back after logging in again', async ({ page, context }) => {
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/projects/new');
  const form = page.getByTestId('project-form');
  await form.getByLabel('项目名称').fill('乡村学校图书角（草稿）');
  await form.getByLabel('可持续性').fill('由村小教师轮值管理');

  // the session ends under the form: the refresh cookie is gone and the next call answers 401
  await context.clearCookies();
  await page.route(
    '**/api/v1/counties**',
    (route) => route.fulfill({ status: 401, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: '未登录', status: 401 }) }),
    { times: 1 },
  );
  await form.getByLabel('县', { exact: true }).click();
  await form.getByLabel('县', { exact: true }).fill('昭觉');

  // the login page says why it appeared, and after logging in the form is back as it was
  await expect(page).toHaveURL(/\/login\?next=%2Fprojects%2Fnew$/);
  await expect(page.getByTestId('session-ended')).toContainText('登录已过期');
  await signInHere(page);
  await expect(page).toHaveURL(/\/projects\/new$/);
  await expect(page.getByTestId('draft-restored')).toBeVisible();
  await expect(form.getByLabel('项目名称')).toHaveValue('乡村学校图书角（草稿）');
  await expect(form.getByLabel('可持续性')).toHaveValue('由村小教师轮值管理');

  // thrown away on request, and gone for good
  await page.getByTestId('draft-discard').click();
  await expect(form.getByLabel('项目名称')).toHaveValue('');
  await page.reload();
  await expect(page.getByTestId('project-form')).toBeVisible();
  await expect(page.getByTestId('draft-restored')).toHaveCount(0);
  await expect(form.getByLabel('项目名称')).toHaveValue('');
});

test('logging out in one tab ends the session in the others at once', async ({ page, context }) => {
  await login(page, ADMIN.username, ADMIN.password);
  const other = await context.newPage();
  await other.goto('/pairings');
  await expect(other.getByTestId('current-user')).toBeVisible();

  await logout(page);
  await expect(other).toHaveURL(/\/login\?next=%2Fpairings$/);
  await expect(other.getByTestId('session-ended')).toHaveText('您已在另一个标签页退出登录。');
  // and the menu of the ended session is gone with it
  await expect(menu(other)).toHaveCount(0);
  await other.close();
});

test('a first visit and a login leave the console clean', async ({ page }) => {
  const noise: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') noise.push(`${m.type()}: ${m.text()}`);
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await login(page, ADMIN.username, ADMIN.password);
  await page.reload();
  await expect(page.getByTestId('current-user')).toBeVisible();
  expect(noise).toEqual([]);
});

test('every page of the menu, and a detail page of each kind, leaves the console clean', async ({ page, request }) => {
  test.setTimeout(180_000);
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const project = await createProject(request, admin, { organizations: [{ organization_id: org.id, role: 'lead' }] });
  const noise: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') noise.push(`${page.url()} ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => noise.push(`${page.url()} pageerror: ${e.message}`));
  await login(page, ADMIN.username, ADMIN.password);
  const pages = [
    '/', '/provinces', '/counties', '/key-counties', '/statistics', '/coverage', '/organizations', '/pairings', '/needs',
    '/projects', '/brands', '/campaigns', '/case-collections', '/cases', '/selections', '/users', '/api-tokens', '/audit',
    `/projects/${project.id}`, `/organizations/${org.id}`, '/counties/513431', '/projects/new', '/pairings/new',
  ];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  await page.goto('/showcase');
  await page.waitForLoadState('networkidle');
  expect(noise).toEqual([]);
});
