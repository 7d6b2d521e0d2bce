import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { ADMIN, apiAuth, choose, createOrganization, createProject, createUser, login, menu, pick, screenshot } from './helpers';

type Headers = Record<string, string>;
type Row = Record<string, string | number | boolean | null>;

const GUIZHOU = '520000';
const ZHENGAN = '520324'; // 正安县, a key county of Guizhou
const HUIZE = '530326'; // 会泽县, a key county of Yunnan
const QUERY = 'group_by=province,assistance_type&key_county=true';

/** Yuan decimal strings added exactly (in fen), then written as the table shows money: 1,234,567.89. */
function addYuan(...amounts: string[]): string {
  const fen = amounts.reduce((sum, a) => {
    const [whole, frac = ''] = a.split('.');
    return sum + BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  }, 0n);
  const whole = (fen / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(fen % 100n).toString().padStart(2, '0')}`;
}

/** The projects table the API answers now: the rows of the cells the spec checks, and the totals. */
async function projectsTable(request: APIRequestContext, headers: Headers) {
  const res = await request.get(`/api/v1/statistics/tables/projects?${QUERY}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  const table = (await res.json()) as { rows: Row[]; totals: Row };
  const cell = (province: string, type: string) =>
    table.rows.find((r) => r.province === province && r.assistance_type === type) ?? { count: 0, planned_funds: '0.00' };
  return { table, cell };
}

/** The table's body rows as text, one string per row. */
async function tableRows(page: Page) {
  const rows = page.getByTestId('statistics-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  return rows.allInnerTexts();
}

test('statistics explorer: a province × assistance-type table of projects, its chart, its exports, and a link that reopens it', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const lead = { organizations: [{ organization_id: org.id, role: 'lead' }] };
  const before = await projectsTable(request, admin);
  const consumptionBefore = before.cell(GUIZHOU, 'consumption');

  // projects in two provinces' key counties, of three assistance types
  await createProject(request, admin, { ...lead, county_code: ZHENGAN, assistance_type: 'consumption', planned_funds: '1234567.89' });
  await createProject(request, admin, { ...lead, county_code: ZHENGAN, assistance_type: 'consumption', planned_funds: '100000.11' });
  await createProject(request, admin, { ...lead, county_code: ZHENGAN, assistance_type: 'health', planned_funds: '50000.00' });
  await createProject(request, admin, { ...lead, county_code: HUIZE, assistance_type: 'employment', planned_funds: '880000.00' });
  const after = await projectsTable(request, admin);

  // 统计分析 opens on projects by province
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '统计分析' }).click();
  await expect(page).toHaveURL(/\/statistics\?mode=rollup&fact=projects&group_by=province$/);
  await expect(page.getByTestId('statistics-fact')).toContainText('项目');

  // group by 省份 then 帮扶类型, in key counties only
  await page.getByTestId('statistics-group-by').click();
  await pick(page, '帮扶类型');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/group_by=province%2Cassistance_type/);
  // in its own dropdown: the group-by dropdown, perhaps still closing, offers 重点帮扶县 too
  await choose(page, page.locator('#statistics-key-county'), '重点帮扶县');
  await expect(page).toHaveURL(/key_county=true/);

  // the figures are what was created, on top of what was there
  const table = page.getByTestId('statistics-table');
  await expect(table.locator('thead th')).toContainText(['省份', '帮扶类型', '项目数', '计划资金（元）']);
  const guizhouConsumption = table.locator('tbody tr.ant-table-row').filter({ hasText: '贵州省' }).filter({ hasText: '消费' });
  await expect(guizhouConsumption).toHaveCount(1);
  const cells = guizhouConsumption.locator('td');
  await expect(cells.nth(0)).toHaveText('贵州省');
  await expect(cells.nth(1)).toHaveText('消费');
  await expect(cells.nth(2)).toHaveText(String(Number(consumptionBefore.count) + 2));
  await expect(cells.nth(3)).toHaveText(addYuan(String(consumptionBefore.planned_funds), '1234567.89', '100000.11'));
  const yunnan = table.locator('tbody tr.ant-table-row').filter({ hasText: '云南省' }).filter({ hasText: '就业' });
  await expect(yunnan.locator('td').nth(2)).toHaveText(String(after.cell('530000', 'employment').count));
  const totals = page.getByTestId('statistics-totals');
  await expect(totals.locator('td').first()).toHaveText('合计');
  await expect(totals).toContainText(addYuan(String(after.table.totals.planned_funds)));

  // the chart: stacked bars of the chosen measure, drawn on a canvas
  await expect(page.getByTestId('statistics-chart').locator('canvas').first()).toBeVisible();
  await page.getByTestId('statistics-measure').click();
  await pick(page, '计划资金（元）');
  await expect(page).toHaveURL(/measure=planned_funds/);
  await expect(page.getByTestId('statistics-chart').locator('canvas').first()).toBeVisible();

  // sort by 项目数 (on the client): the URL keeps the order too
  await table.locator('thead th').filter({ hasText: '项目数' }).click();
  await expect(page).toHaveURL(/sort=count/);

  // the same table as files
  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('statistics-export-xlsx').click();
  const xlsx = await xlsxDownload;
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  const xlsxPath = await xlsx.path();
  expect(readFileSync(xlsxPath).length).toBeGreaterThan(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsxPath);
  const sheet = workbook.worksheets[0];
  // what was exported and when, the filters, a blank row, then the table's header
  expect(String(sheet.getRow(1).getCell(1).value)).toMatch(/导出时间：.*（北京时间）/);
  expect(String(sheet.getRow(2).getCell(1).value)).toContain('group_by=province,assistance_type');
  expect(sheet.getRow(4).values).toEqual(expect.arrayContaining(['省份', '帮扶类型', '项目数']));
  await expect(page.getByTestId('statistics-export-xlsx')).not.toHaveClass(/ant-btn-loading/);

  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('statistics-export-csv').click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const lines = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(lines[0]).toContain('省份,省份名称,帮扶类型,项目数,计划资金（元）');
  expect(lines.some((l) => l.startsWith('合计,'))).toBe(true);

  // the link reopens exactly this table
  const link = page.url();
  const rows = await tableRows(page);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  const fresh = await page.context().newPage();
  await fresh.goto(link);
  await expect(fresh.getByTestId('statistics-group-by')).toContainText('帮扶类型');
  await expect(fresh.getByTestId('statistics-chart').locator('canvas').first()).toBeVisible();
  expect(await tableRows(fresh)).toEqual(rows);
  expect(fresh.url()).toBe(link);
  await fresh.close();

  await screenshot(page, 'statistics-explorer');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'statistics-explorer-390');
  await page.setViewportSize({ width: 1366, height: 900 });

  // 趋势: Guizhou's consumption projects docked this period, counted on top of the ones before
  await page.getByRole('tab', { name: '趋势' }).click();
  await expect(page).toHaveURL(/mode=series/);
  await page.getByLabel('省份', { exact: true }).click();
  await page.getByLabel('省份', { exact: true }).fill('贵州');
  await pick(page, '贵州省');
  await page.getByLabel('帮扶类型', { exact: true }).click();
  await pick(page, /^消费$/);
  await expect(page).toHaveURL(/province=520000/);
  await expect(page).toHaveURL(/assistance_type=consumption/);
  // the API asked the same question the page's URL holds (the key-county filter is shared with the table)
  const asked = new URL(page.url()).searchParams;
  const seriesParams = new URLSearchParams(
    ['interval', 'from', 'to', 'province', 'key_county', 'assistance_type'].flatMap((k) => (asked.get(k) ? [[k, asked.get(k) as string] as [string, string]] : [])),
  );
  expect(seriesParams.get('key_county')).toBe('true');
  const series = await request.get(`/api/v1/statistics/projects/series?${seriesParams}`, { headers: admin });
  const docked = ((await series.json()) as { periods: { docked: number }[] }).periods.reduce((s, p) => s + p.docked, 0);
  expect(docked).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('statistics-series-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('statistics-series-totals').locator('td').nth(1)).toHaveText(String(docked));
  await screenshot(page, 'statistics-series');

  // a provincial officer opening the same link sees their province's rows only
  const officer = await createUser(request, admin, { role: 'provincial_officer', province_code: GUIZHOU });
  const officerContext = await browser.newContext();
  const officerPage = await officerContext.newPage();
  await login(officerPage, officer.username, officer.password);
  await officerPage.goto(link);
  const officerRows = officerPage.getByTestId('statistics-table').locator('tbody tr.ant-table-row');
  await expect(officerRows.filter({ hasText: '消费' })).toHaveCount(1);
  for (const text of await officerRows.allInnerTexts()) expect(text).toMatch(/^贵州省/);
  await expect(officerRows.filter({ hasText: '云南省' })).toHaveCount(0);
  const mine = await projectsTable(request, await apiAuth(request, officer.username, officer.password));
  expect(mine.table.rows.every((r) => r.province === GUIZHOU)).toBe(true);
  await expect(officerRows).toHaveCount(mine.table.rows.length);
  await expect(officerRows.filter({ hasText: '消费' }).locator('td').nth(2)).toHaveText(String(after.cell(GUIZHOU, 'consumption').count));
  await officerContext.close();
});
