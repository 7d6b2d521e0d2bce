import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ADMIN = { username: 'admin', password: 'Admin-e2e-Passw0rd!' };
const shots = resolve(dirname(fileURLToPath(import.meta.url)), '../test-results/screens');

export async function login(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: /退出登录|Log out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

export function menu(page: Page) {
  return page.getByRole('menu');
}

/** A full-page screenshot into test-results/screens/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.waitForLoadState('networkidle');
  // let modals, dropdowns and expanding rows finish moving; skip endless spinners and the 2 s
  // click wave of buttons (a string: this file is compiled without the DOM library)
  await page.waitForFunction(`document.getAnimations().every((a) =>
    a.playState !== 'running' ||
    a.effect?.getTiming().iterations === Infinity ||
    a.effect?.target?.classList?.contains('ant-wave'))`);
  await page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: true });
}

/** Logs in through the API and returns headers carrying the access token. */
export async function apiAuth(request: APIRequestContext, username = ADMIN.username, password = ADMIN.password) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  const { access_token } = (await res.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}
