import { expect, test, type Page } from '@playwright/test';
import { ADMIN, apiAuth, confirmMove, createUser, login, logout, menu, screenshot } from './helpers';

/** Nothing makes the page wider than the screen (a table scrolls inside itself). */
async function fits(page: Page) {
  await expect(async () => {
    const [scroll, client] = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return [root.scrollWidth, root.clientWidth] as const;
    });
    expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
  }).toPass({ timeout: 5_000 });
}

/** Types at the end of a section's editor. */
async function typeInto(page: Page, section: string, text: string) {
  const area = page.getByTestId(`editor-${section}-area`);
  await area.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
  await expect(area).toContainText(text);
}

/** Saves the sections and waits for the server's answer (a confirm first when signatures would be cleared). */
async function save(page: Page, clearsSignatures = false) {
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/v1\/year-end-reports\/[^/]+$/.test(r.url()));
  await page.getByTestId('report-save').click();
  if (clearsSignatures) {
    await expect(page.getByRole('dialog')).toContainText('保存将清除签署');
    await page.getByTestId('save-confirm').click();
  }
  expect((await saved).status()).toBe(200);
  await expect(page.getByTestId('report-unsaved')).toHaveCount(0);
}

async function sign(page: Page, department: 'rural_revitalization' | 'civil_affairs') {
  const signed = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/signatures'));
  await page.getByTestId('report-sign').click();
  expect((await signed).status()).toBe(200);
  await expect(page.getByTestId(`signature-${department}`)).toHaveAttribute('data-signed', 'true');
  await expect(page.getByTestId('report-sign')).toHaveCount(0);
}

/** A move through its dialog: the shared reason dialog, or the return dialog. */
async function move(page: Page, to: string, status: string, fill?: () => Promise<void>) {
  await page.getByTestId(`transition-${to}`).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  if (fill) await fill();
  const moved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/transitions'));
  await confirmMove(page, to === 'returned' ? 'return-confirm' : 'reason-confirm');
  expect((await moved).status()).toBe(200);
  await expect(page.getByTestId('report-status')).toHaveText(status);
}

test('四川’s year-end report: drafted and signed by one department, signed and submitted by the other from the bell, returned with a comment on 主要成效, revised, signed again and resubmitted, compared and accepted, and 已接收 on the board', async ({
  page,
  request,
}) => {
  // four sign-ins and two rounds of signatures: longer than the default minute on a busy machine
  test.setTimeout(240_000);
  const admin = await apiAuth(request);
  const rural = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000', department: 'rural_revitalization' });
  const civil = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000', department: 'civil_affairs' });
  const year = new Date().getFullYear();

  // 乡村振兴部门 writes the report in the editor and signs it
  await login(page, rural.username, rural.password);
  await menu(page).getByRole('menuitem', { name: '年度报告' }).click();
  await expect(page).toHaveURL(/\/year-end-reports$/);
  await expect(menu(page).getByRole('menuitem', { name: '报送进度' })).toHaveCount(0);
  await page.getByTestId('report-create').click();
  await expect(page).toHaveURL(/\/year-end-reports\/[0-9a-f-]{36}$/);
  const reportUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('report-status')).toHaveText('草稿');
  await expect(page.getByRole('heading', { name: `四川省 ${year} 年度报告` })).toBeVisible();
  await expect(page.getByTestId('report-pdf')).toBeVisible();
  await expect(page.getByTestId('report-figures').getByTestId('figure-row').first()).toBeVisible();
  // while written only the live figures: nothing is frozen until it is submitted
  await expect(page.getByTestId('report-figures')).toContainText('当前数据');
  await expect(page.getByTestId('figure-submitted')).toHaveCount(0);

  await typeInto(page, 'work', '全省 120 家社会组织参与结对帮扶。');
  // a toolbar button: what follows is bold
  await page.getByTestId('editor-work').getByTestId('editor-bold').click();
  await page.keyboard.type('重点帮扶县全覆盖');
  await typeInto(page, 'results', '落地项目 36 个');
  await expect(page.getByTestId('report-unsaved')).toBeVisible();
  // what is signed is what the server holds: typed changes are saved first
  await expect(page.getByTestId('report-sign')).toBeDisabled();
  await expect(page.getByTestId('report-save-first')).toBeVisible();
  await save(page);
  // the server's cleaned text is shown again, the bold kept
  await expect(page.getByTestId('editor-work-area')).toContainText('全省 120 家社会组织参与结对帮扶。');
  await expect(page.getByTestId('editor-work-area').locator('b, strong')).toHaveText('重点帮扶县全覆盖');
  await expect(page.getByTestId('editor-results-area')).toContainText('落地项目 36 个');

  await sign(page, 'rural_revitalization');
  await expect(page.getByTestId('transition-submitted')).toBeDisabled();
  await expect(page.getByTestId('report-waiting-for')).toContainText('民政部门');
  await screenshot(page, 'year-end-report-draft');
  await logout(page);

  // 民政部门 is asked through the bell, signs and submits
  await login(page, civil.username, civil.password);
  await page.getByTestId('notification-bell').click();
  const toSign = page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: '年度报告待签署' });
  await expect(toSign).toHaveCount(1);
  await expect(toSign).toContainText(`四川省 ${year} 年度报告`);
  await toSign.click();
  await expect(page).toHaveURL(reportUrl);
  await expect(page.getByTestId('signature-rural_revitalization')).toContainText(rural.username);
  await sign(page, 'civil_affairs');
  await expect(page.getByTestId('report-waiting-for')).toHaveCount(0);
  await move(page, 'submitted', '已报送');
  // submitted: no editor, the text shown as the server keeps it, the figures frozen
  await expect(page.getByTestId('editor-results-area')).toHaveCount(0);
  await expect(page.getByTestId('section-text-results')).toContainText('落地项目 36 个');
  await expect(page.getByTestId('figure-submitted').first()).not.toHaveText('—');
  await logout(page);

  // the national admin returns it with a comment on 主要成效
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '年度报告' }).click();
  await page.getByTestId('report-filter-status').click();
  await page.locator('.ant-select-dropdown:visible').getByText('已报送', { exact: true }).click();
  await expect(page).toHaveURL(/status=submitted/);
  await page.getByTestId('report-table').getByRole('link', { name: `四川省 ${year} 年度报告` }).click();
  await expect(page).toHaveURL(reportUrl);
  await move(page, 'returned', '已退回', async () => {
    const form = page.getByTestId('return-form');
    await form.getByLabel('退回理由').fill('主要成效需补充资金到位情况');
    await form.getByLabel('主要成效').fill('请写明到位资金和受益人数');
  });
  await logout(page);

  // 乡村振兴部门 reads the comment, revises 主要成效 (the signatures go), and both sign again
  await login(page, rural.username, rural.password);
  await page.getByTestId('notification-bell').click();
  const returned = page.getByTestId('notification-panel').getByTestId('notification-item').filter({ hasText: '年度报告被退回' });
  await expect(returned).toHaveCount(1);
  await returned.click();
  await expect(page).toHaveURL(reportUrl);
  await expect(page.getByTestId('report-return-reason')).toContainText('主要成效需补充资金到位情况');
  await expect(page.getByTestId('section-comment-results')).toContainText('请写明到位资金和受益人数');
  await expect(page.getByTestId('section-comment-work')).toHaveCount(0);
  await typeInto(page, 'results', '，到位资金 1200 万元，受益 3 万人');
  await save(page, true);
  await expect(page.getByTestId('signature-rural_revitalization')).toHaveAttribute('data-signed', 'false');
  await expect(page.getByTestId('signature-civil_affairs')).toHaveAttribute('data-signed', 'false');
  await sign(page, 'rural_revitalization');
  await logout(page);

  await login(page, civil.username, civil.password);
  await page.goto(reportUrl);
  await sign(page, 'civil_affairs');
  await move(page, 'submitted', '已报送');
  await logout(page);

  // the admin compares the versions: 主要成效 changed; then accepts
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(reportUrl);
  const versions = page.getByTestId('report-versions');
  await expect(versions.getByTestId('version-item')).toHaveCount(2);
  const changes = versions.getByTestId('version-changes');
  await expect(changes).toHaveAttribute('data-number', '2');
  const results = changes.locator('[data-testid="version-change"][data-field="sections.results"]');
  await expect(results.getByTestId('version-change-label')).toHaveText('主要成效');
  await expect(results.locator('[data-diff="added"]')).toContainText('到位资金 1200 万元');
  // inside the edited line, what was added is marked
  await expect(results.locator('[data-diff="added"]').getByTestId('diff-changed')).toHaveText('，到位资金 1200 万元，受益 3 万人');
  await expect(results.locator('[data-diff="removed"]')).toContainText('落地项目 36 个');
  await expect(changes.locator('[data-testid="version-change"][data-field="sections.work"]')).toHaveCount(0);
  // the first version keeps the return that answered it, comment and all
  await versions.locator('[data-testid="version-item"][data-number="1"]').click();
  await expect(versions.getByTestId('version-review-results')).toContainText('请写明到位资金和受益人数');
  await screenshot(page, 'year-end-report-versions');
  await move(page, 'accepted', '已接收');
  await expect(page.getByTestId('transition-draft')).toBeVisible();
  await expect(page.getByTestId('report-pdf')).toBeVisible();

  // on a phone the report page never scrolls sideways
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('report-status')).toHaveText('已接收');
  await fits(page);
  await screenshot(page, 'year-end-report-390');
  await page.setViewportSize({ width: 1366, height: 900 });

  // the board of the year: 四川省 已接收, linked to its report, and the year's figures as a spreadsheet
  await menu(page).getByRole('menuitem', { name: '报送进度' }).click();
  await expect(page).toHaveURL(/\/year-end-reports\/board/);
  const row = page.locator(`[data-testid="board-row"][data-province="510000"]`);
  await expect(row.getByTestId('board-state')).toHaveText('已接收');
  await expect(page.getByTestId('board-count-accepted')).toContainText('1');
  await expect(page.getByTestId('board-download-pdfs')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('board-export-xlsx').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  await screenshot(page, 'year-end-board');
  await row.getByTestId('board-report-link').click();
  await expect(page).toHaveURL(reportUrl);
});
