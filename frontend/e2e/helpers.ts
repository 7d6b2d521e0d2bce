import { expect, type Page } from '@playwright/test';
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
  await page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: true });
}
