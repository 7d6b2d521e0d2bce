import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { crc32, deflateSync } from 'node:zlib';
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

/** The side menu (the drawer on a phone) — not a submenu inside it, which is a menu too. */
export function menu(page: Page) {
  return page.getByRole('menu', { name: 'main', exact: true });
}

/** A full-page screenshot into test-results/screens/<name>.png for a person to look at. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.waitForLoadState('networkidle');
  // let modals, dropdowns and expanding rows finish moving; skip endless spinners and the 2 s
  // click wave of buttons. A function, not a string: Playwright evaluates a string predicate
  // with eval, which the server's Content-Security-Policy blocks (no 'unsafe-eval'). The DOM
  // types are spelled out because this file is compiled without the DOM library.
  await page.waitForFunction(() => {
    type Animation = {
      playState: string;
      effect: { getTiming(): { iterations: number }; target?: { classList?: { contains(c: string): boolean } } } | null;
    };
    const doc = (globalThis as unknown as { document: { getAnimations(): Animation[] } }).document;
    return doc
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' ||
          a.effect?.getTiming().iterations === Infinity ||
          a.effect?.target?.classList?.contains('ant-wave'),
      );
  });
  await page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: true });
}

/** Logs in through the API and returns headers carrying the access token. */
export async function apiAuth(request: APIRequestContext, username = ADMIN.username, password = ADMIN.password) {
  const res = await request.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status()).toBe(200);
  const { access_token } = (await res.json()) as { access_token: string };
  return { Authorization: `Bearer ${access_token}` };
}

// ---- data made through the API, so each spec stands alone ----------------------------------------
type Headers = Record<string, string>;

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A fresh unified social credit code (GB 32100-2015) registered with civil affairs; kind is position 2
 * (1 社会团体, 2 社会服务机构, 3 基金会); `badCheck` spoils the check character.
 */
export function creditCode(badCheck = false, kind: '1' | '2' | '3' = '3'): string {
  const body = `5${kind}100000` + Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('');
  const sum = [...body].reduce((s, c, i) => s + CC_CHARS.indexOf(c) * CC_WEIGHTS[i], 0);
  const check = (31 - (sum % 31)) % 31;
  return body + CC_CHARS[badCheck ? (check + 1) % 31 : check];
}

export function unique(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

export async function createOrganization(request: APIRequestContext, headers: Headers, over: Record<string, unknown> = {}) {
  const res = await request.post('/api/v1/organizations', {
    headers,
    data: {
      name: unique('乡村振兴测试基金会'),
      credit_code: creditCode(),
      legal_form: 'foundation',
      registration_level: 'national',
      province_code: '110000',
      category: 'charity',
      specialties: ['education', 'health'],
      ...over,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; name: string; credit_code: string };
}

export async function createUser(request: APIRequestContext, headers: Headers, data: Record<string, unknown>) {
  const username = unique(String(data.role).replace('_', ''));
  const password = 'E2e-User-Passw0rd!';
  const res = await request.post('/api/v1/users', {
    headers,
    data: { username, display_name: username, password, ...data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return { username, password };
}

export async function createPairing(request: APIRequestContext, headers: Headers, data: Record<string, unknown>) {
  const res = await request.post('/api/v1/pairings', {
    headers,
    data: { assistance_types: ['education'], channel: 'national_org', planned_funds: '300000.00', ...data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string };
}

/** Moves a pairing with the ETag it has now. */
export async function movePairing(request: APIRequestContext, headers: Headers, id: string, to: string, reason?: string) {
  const read = await request.get(`/api/v1/pairings/${id}`, { headers });
  const etag = read.headers()['etag'];
  const res = await request.post(`/api/v1/pairings/${id}/transitions`, {
    headers: { ...headers, 'If-Match': etag },
    data: reason ? { to, reason } : { to },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/**
 * Picks 昭觉县 (513431) in a county picker inside `scope`: types to search, clicks the option and
 * checks that the picker holds it, again if a search that answered late replaced the options
 * under the click (seen on a busy machine).
 */
export async function pickZhaojue(page: Page, scope: Locator) {
  const field = scope.getByLabel('县', { exact: true });
  await expect(async () => {
    await field.click();
    await field.fill('昭觉');
    await page.locator(OPEN_DROPDOWN).getByText(/昭觉县.*513431/).first().click({ timeout: 5_000 });
    await expect(scope.getByTestId('county-picker')).toContainText('昭觉县', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Picks an option of an antd select by its visible text, in the dropdown that is open: a dropdown
 * just closed (Escape) stays visible for its leave animation, and an option of the same name in it
 * (重点帮扶县 is both a grouping key and a filter) would be the one clicked, then vanish under the click.
 */
export async function pick(page: Page, text: string | RegExp) {
  // the visible option, not antd's hidden copy of the active one for screen readers
  await page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option-content').filter({ hasText: text }).first().click();
}

/**
 * The open dropdown of the select whose input is `field`: rc-select renders the listbox
 * `{input id}_list` inside it. Scoping to it means a click never lands in another select's
 * dropdown that is still open or closing (seen in CI: the group-by dropdown, which also offers
 * 重点帮扶县, took the click meant for the key-county filter).
 */
async function dropdownOf(page: Page, field: Locator) {
  const id = await field.getAttribute('id');
  const open = page.locator(OPEN_DROPDOWN);
  return id ? open.filter({ has: page.locator(`[id="${id}_list"]`) }) : open;
}

/**
 * Chooses `text` in the single select whose input is `field`, and checks that the select holds
 * it; again if the click was lost (seen on a busy machine: the option clicked while the dropdown
 * was still opening, and the dropdown left open with nothing chosen).
 */
export async function choose(page: Page, field: Locator, text: string) {
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const dropdown = await dropdownOf(page, field);
  await expect(async () => {
    if ((await dropdown.count()) === 0) await field.click();
    await dropdown.locator('.ant-select-item-option-content').getByText(text, { exact: true }).click({ timeout: 3_000 });
    await expect(select).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Adds the option `text` to the select whose input is `field` — typing `search` first when given
 * (a searched or remote list) — and checks that the select shows it; again if the click was lost
 * or the options came late on a busy machine. An option already chosen is never clicked again
 * (in a multiple select that would take it out).
 */
export async function chooseIn(page: Page, field: Locator, text: string, search?: string) {
  const select = field.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const dropdown = await dropdownOf(page, field);
  await expect(async () => {
    // what the select shows: its chosen values (the text typed to search is never the whole option)
    if (!((await select.textContent()) ?? '').includes(text)) {
      if ((await dropdown.count()) === 0) {
        await field.click();
        if (search) await field.fill(search);
      }
      await dropdown.locator('.ant-select-item-option-content').filter({ hasText: text }).first().click({ timeout: 3_000 });
    }
    await expect(select).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/** An antd select dropdown that is shown and not on its way out. */
export const OPEN_DROPDOWN = '.ant-select-dropdown:visible:not([class*="-leave"])';

export async function createProject(request: APIRequestContext, headers: Headers, data: Record<string, unknown>) {
  const res = await request.post('/api/v1/projects', {
    headers,
    data: { title: unique('测试项目'), county_code: '513431', assistance_type: 'education', planned_funds: '500000.00', ...data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; title: string };
}

/** Moves a project with the ETag it has now. */
export async function moveProject(request: APIRequestContext, headers: Headers, id: string, to: string, reason?: string) {
  const read = await request.get(`/api/v1/projects/${id}`, { headers });
  const res = await request.post(`/api/v1/projects/${id}/transitions`, {
    headers: { ...headers, 'If-Match': read.headers()['etag'] },
    data: reason ? { to, reason } : { to },
  });
  expect(res.status(), await res.text()).toBe(200);
}

/** An organization's member accepts the organization's invitation to a project. */
export async function acceptProject(request: APIRequestContext, headers: Headers, id: string, organizationId: string) {
  const read = await request.get(`/api/v1/projects/${id}`, { headers });
  const res = await request.post(`/api/v1/projects/${id}/organizations/${organizationId}/transitions`, {
    headers: { ...headers, 'If-Match': read.headers()['etag'] },
    data: { to: 'accepted' },
  });
  expect(res.status(), await res.text()).toBe(200);
}

export async function createCampaign(request: APIRequestContext, headers: Headers, data: Record<string, unknown> = {}) {
  const res = await request.post('/api/v1/campaigns', {
    headers,
    data: { year: 2025, theme: unique('社会组织乡村行·'), province_codes: ['510000'], county_codes: ['513431'], ...data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; theme: string };
}

export async function createDockingEvent(request: APIRequestContext, headers: Headers, campaignId: string, data: Record<string, unknown> = {}) {
  const res = await request.post(`/api/v1/campaigns/${campaignId}/events`, {
    headers,
    data: { date: '2025-05-20', place: unique('昭觉县对接会'), county_code: '513431', organization_ids: [], ...data },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; place: string };
}

/**
 * Confirms the open move dialog and waits for it to close. Under load a click can land while the
 * dialog is still zooming in and be lost; the click is then repeated, never the move twice (a
 * sent move closes the dialog). `confirm` is the dialog's OK button: the moves' own, or the shared
 * reason dialog's (`reason-confirm`).
 */
export async function confirmMove(page: Page, confirm = 'transition-confirm') {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(async () => {
    if (await dialog.isVisible()) await page.getByTestId(confirm).click({ timeout: 2_000 });
    await expect(dialog).toBeHidden({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
}

/** A small PNG (a green field with a darker band), made here so the specs need no fixture file. */
export function png(width = 64, height = 48): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const band = y > height / 3 && y < (2 * height) / 3;
    for (let x = 0; x < width; x++) rows.set(band ? [34, 120, 60] : [120, 200, 120], y * (width * 3 + 1) + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
