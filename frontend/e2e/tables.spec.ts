import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, apiAuth, createOrganization, createPairing, createProject, createUser, login, logout, movePairing, screenshot, unique } from './helpers';

/** How far the page itself scrolls sideways: a list must scroll inside its table, never the page. */
async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
}

const headers = (page: Page, table: string) => page.getByTestId(table).locator('thead th');

test('a list keeps its hidden columns, density and page size after a reload', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const project = await createProject(request, admin, { title: unique('列设置测试项目'), organizations: [{ organization_id: org.id, role: 'lead' }] });
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/projects');
  const table = page.getByTestId('project-table');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await expect(headers(page, 'project-table').filter({ hasText: '计划资金' })).toHaveCount(1);

  // hide a column; the name and the status cannot be hidden
  await page.getByTestId('project-table-column-settings').click();
  const columns = page.getByTestId('project-table-columns');
  await expect(columns.getByRole('checkbox', { name: '项目名称' })).toBeDisabled();
  await columns.getByRole('checkbox', { name: '计划资金' }).uncheck();
  await expect(headers(page, 'project-table').filter({ hasText: '计划资金' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // the compact density
  await page.getByTestId('project-table-density').click();
  await page.getByRole('menuitem', { name: '紧凑' }).click();
  await expect(page.locator('.ant-table.ant-table-small')).toHaveCount(1);

  // 50 rows a page: the list asks the server for 50
  const asked = page.waitForRequest((r) => /\/api\/v1\/projects\?.*limit=50/.test(r.url()));
  await page.getByTestId('list-page-size').click();
  await page.getByTitle('50 条/页').click();
  await asked;
  await screenshot(page, 'tables-projects-settings');

  await page.reload();
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await expect(headers(page, 'project-table').filter({ hasText: '计划资金' })).toHaveCount(0);
  await expect(headers(page, 'project-table').filter({ hasText: '项目名称' })).toHaveCount(1);
  await expect(page.locator('.ant-table.ant-table-small')).toHaveCount(1);
  await expect(page.getByTestId('list-page-size')).toContainText('50 条/页');

  // a detail page says where it sits: 项目 / the project, the list a click away
  await table.getByRole('link', { name: project.title }).click();
  const crumbs = page.getByTestId('breadcrumb');
  await expect(crumbs).toContainText(project.title);
  await screenshot(page, 'tables-project-breadcrumb');
  await crumbs.getByRole('link', { name: '项目' }).click();
  await expect(page).toHaveURL(/\/projects(\?.*)?$/);
});

test('pairings: several recommended and confirmed at once, a refusal reported with its reason; the ticked rows exported', async ({ page, request }) => {
  test.slow(); // two people take their turns
  const admin = await apiAuth(request);
  // the last key county by code, which no other spec pairs: the list shows these two alone
  const counties = await request.get('/api/v1/counties?key_county=true&limit=100', { headers: admin });
  const county = ((await counties.json()) as { items: { code: string; name: string }[] }).items.at(-1)!;
  // two organizations: one organization pairs with a county once
  const org = await createOrganization(request, admin);
  const other = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const otherMember = await createUser(request, admin, { role: 'org_member', organization_id: other.id });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: county.code });
  const first = await createPairing(request, admin, { county_code: county.code, lead_organization_id: org.id });
  const second = await createPairing(request, admin, { county_code: county.code, lead_organization_id: other.id });

  // a coordinator recommends both
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(`/pairings?county=${county.code}`);
  const rows = page.getByTestId('pairing-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await row.getByRole('checkbox').check();
  await expect(page.getByTestId('pairing-table-selection')).toContainText('已选 2 项');
  // confirming is the county's move, not the coordinator's: not offered
  await expect(page.getByTestId('pairing-bulk-confirmed')).toHaveCount(0);

  // the ticked rows as a CSV, with the table's headers
  const download = page.waitForEvent('download');
  await page.getByTestId('pairing-table-export-selected').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('pairings-selected.csv');
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF县,')).toBe(true);
  const lines = csv.trim().split('\r\n');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain(`${county.name}（${county.code}）`);
  expect(lines[1]).toContain('已申请');
  expect(csv).toContain(org.name);
  expect(csv).toContain(other.name);

  await page.getByTestId('pairing-bulk-recommended').click();
  await expect(page.getByRole('dialog')).toContainText('对所选的 2 项执行“推荐”？');
  await page.getByRole('dialog').getByRole('button', { name: '批量推荐' }).click();
  await expect(page.getByText('已完成 2 项')).toBeVisible();
  await expect(rows.getByTestId('pairing-status').filter({ hasText: '已推荐' })).toHaveCount(2);
  await expect(page.getByTestId('pairing-table-selection')).not.toContainText('已选');
  await screenshot(page, 'tables-pairings-recommended');
  await logout(page);

  // each organization accepts
  await movePairing(request, await apiAuth(request, member.username, member.password), first.id, 'accepted');
  await movePairing(request, await apiAuth(request, otherMember.username, otherMember.password), second.id, 'accepted');

  // the county ticks both; meanwhile one is terminated: that one is refused, and said so
  await login(page, officer.username, officer.password);
  await page.goto(`/pairings?county=${county.code}`);
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await row.getByRole('checkbox').check();
  await expect(page.getByTestId('pairing-bulk-recommended')).toHaveCount(0);
  await movePairing(request, admin, second.id, 'terminated', '组织撤回');
  await page.getByTestId('pairing-bulk-confirmed').click();
  await page.getByRole('dialog').getByRole('button', { name: '批量县级确认' }).click();
  await expect(page.getByRole('dialog', { name: '成功 1 项，失败 1 项' })).toBeVisible();
  await expect(page.getByTestId('bulk-failures')).toContainText(county.name);
  await screenshot(page, 'tables-pairings-bulk-report');
  await page.getByRole('button', { name: /知\s*道\s*了|OK/ }).click();
  await expect(rows.getByTestId('pairing-status').filter({ hasText: '帮扶中' })).toHaveCount(1);
  await expect(rows.getByTestId('pairing-status').filter({ hasText: '已终止' })).toHaveCount(1);
});

const LISTS: [string, string, string][] = [
  ['projects', '/projects', 'project-table'],
  ['pairings', '/pairings', 'pairing-table'],
  ['needs', '/needs', 'need-table'],
  ['organizations', '/organizations', 'org-table'],
  ['brands', '/brands', 'brand-table'],
  ['cases', '/cases', 'case-table'],
  ['case-review', '/cases/review', 'review-table'],
  ['case-collections', '/case-collections', 'collection-table'],
  ['campaigns', '/campaigns', 'campaign-table'],
  ['counties', '/counties', 'county-table'],
  ['tokens', '/api-tokens', 'token-table'],
];

test('every list fits a phone: the table scrolls inside, the page never sideways; the console stays clean', async ({ page, request }) => {
  test.slow();
  const noise: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') noise.push(`${m.type()}: ${m.text()}`);
  });
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  await createProject(request, admin, { title: unique('昭觉县乡村学校图书角与营养午餐长期援建项目'), organizations: [{ organization_id: org.id, role: 'lead' }] });
  await login(page, ADMIN.username, ADMIN.password);
  for (const [name, url, table] of LISTS) {
    for (const [width, height] of [
      [1366, 900],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await page.goto(url);
      await expect(page.getByTestId(table)).toBeVisible();
      await expect(page.getByTestId(table).locator('.ant-spin-spinning')).toHaveCount(0);
      expect(await pageOverflow(page), `${name} at ${width}`).toBeLessThanOrEqual(0);
      if (name === 'projects') {
        // the key columns, the name and the status, are both on the phone's screen without scrolling
        const status = await headers(page, table).filter({ hasText: '状态' }).boundingBox();
        expect(status!.x + status!.width).toBeLessThanOrEqual(width);
      }
      await screenshot(page, `tables-${name}-${width}`);
    }
  }
  expect(noise).toEqual([]);
});
