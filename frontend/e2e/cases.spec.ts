import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ADMIN, acceptProject, apiAuth, createOrganization, createProject, createUser, login, logout, menu, moveProject, pick, screenshot, unique, OPEN_DROPDOWN } from './helpers';

type Headers = Record<string, string>;

async function createCollection(request: APIRequestContext, headers: Headers, data: Record<string, unknown>) {
  const res = await request.post('/api/v1/case-collections', { headers, data: { title: unique('案例征集'), year: 2025, deadline: '2099-12-31', ...data } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; title: string };
}

/** A progress update, so the case's figures have funds in place and people reached. */
async function reportProgress(request: APIRequestContext, headers: Headers, projectId: string, funds: string, people: number) {
  const res = await request.post(`/api/v1/projects/${projectId}/updates`, {
    headers,
    data: { date: '2025-06-01', narrative: '首批物资到位', funds_delta: funds, beneficiaries_delta: people },
  });
  expect(res.status(), await res.text()).toBe(201);
}

/** Picks 昭觉县 in the case form's county picker (several counties), again if a late search replaced the options. */
async function pickZhaojueCounty(page: Page, form: Locator) {
  const field = form.getByLabel('涉及县', { exact: true });
  await expect(async () => {
    await field.click();
    await field.fill('昭觉');
    await page.locator(OPEN_DROPDOWN).getByText(/昭觉县.*513431/).first().click({ timeout: 5_000 });
    await expect(form.getByTestId('county-picker')).toContainText('昭觉县', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Escape');
}

/** Writes a case through the form: collection, title, line; the rest as given. */
async function writeCase(page: Page, collectionTitle: string, title: string) {
  await menu(page).getByRole('menuitem', { name: '典型案例' }).click();
  await expect(page.getByTestId('case-table')).toBeVisible();
  await page.getByTestId('case-create').click();
  const form = page.getByTestId('case-form');
  await form.getByLabel('案例征集').click();
  await pick(page, collectionTitle);
  await form.getByLabel('案例标题').fill(title);
  await form.getByText('乡村发展', { exact: true }).click();
  return form;
}

async function atWidth(page: Page, width: number, name: string) {
  await page.setViewportSize({ width, height: 900 });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('a case from the collection to the public: written, submitted, shortlisted by the province, named typical, published', async ({ page, request }) => {
  // four people, a landed project, eight moves and both widths: longer than the default minute on a busy machine
  test.setTimeout(180_000);
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin, { province_code: '510000', registration_level: 'provincial' });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const officer = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000' });
  const viewer = await createUser(request, admin, { role: 'viewer' });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const project = await createProject(request, admin, { organizations: [{ organization_id: org.id, role: 'lead' }], planned_funds: '500000.00' });
  await acceptProject(request, memberAuth, project.id, org.id);
  await reportProgress(request, admin, project.id, '120000.50', 300);
  // the project lands (declared by the organization, confirmed by the county): published, so the
  // public reads its figures with the case (a case counts only the projects its reader may open)
  const county = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const countyAuth = await apiAuth(request, county.username, county.password);
  await moveProject(request, memberAuth, project.id, 'signed');
  await moveProject(request, memberAuth, project.id, 'landed');
  await moveProject(request, countyAuth, project.id, 'landed');
  const collectionTitle = unique('乡村振兴典型案例征集');
  const title = unique('彝绣合作社带动妇女就业');

  // the national admin opens the year's collection
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '案例征集' }).click();
  await page.getByTestId('collection-create').click();
  const cform = page.getByTestId('collection-form');
  await cform.getByLabel('征集名称').fill(collectionTitle);
  await cform.getByLabel('年度').fill('2025');
  await cform.getByLabel('截止日期').fill('2099-12-31');
  await cform.getByLabel('征集说明').fill('面向参与专项行动的社会组织，征集乡村发展、乡村建设、乡村治理三类案例。');
  await screenshot(page, 'case-collection-form');
  await page.getByTestId('collection-save').click();
  await expect(page.getByRole('dialog')).toBeHidden();
  const crow = page.getByTestId('collection-table').getByRole('row', { name: new RegExp(collectionTitle) });
  await expect(crow.getByTestId('collection-status')).toHaveText('征集中');
  await expect(crow.getByTestId('collection-deadline')).toHaveText('2099-12-31');
  await expect(crow.getByTestId('collection-cases')).toHaveText('0');
  await logout(page);

  // the organization writes its case: four sections, one of its projects, a county, consent
  await login(page, member.username, member.password);
  const form = await writeCase(page, collectionTitle, title);
  await expect(form.getByTestId('case-organization')).toContainText(org.name);
  await form.getByLabel('关联项目').click();
  await pick(page, project.title);
  await page.keyboard.press('Escape');
  await pickZhaojueCounty(page, form);
  await form.getByLabel('背景', { exact: true }).fill('昭觉县彝族妇女擅长刺绣，但缺少稳定的销路和组织。');
  await form.getByLabel('做法', { exact: true }).fill('成立彝绣合作社，统一设计、培训和订单，对接东部企业采购。');
  await form.getByLabel('成效', { exact: true }).fill('300 名妇女在家门口就业，人均年增收 6000 元。');
  await form.getByLabel('经验启示', { exact: true }).fill('以订单带培训，以合作社稳就业，可在民族地区推广。');
  await form.getByTestId('case-consent').click();
  await expect(form.getByTestId('case-section-background')).toBeVisible();
  await screenshot(page, 'case-form');
  await atWidth(page, 390, 'case-form-390');
  await page.getByTestId('case-save').click();

  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseUrl = page.url();
  await expect(page.getByTestId('case-status')).toHaveText('草稿');
  await expect(page.getByTestId('case-draft')).toContainText('2099-12-31');
  await expect(page.getByTestId('case-consent-state')).toHaveText('已确认可公开');
  await expect(page.getByTestId('case-project')).toHaveText(project.title);
  await expect(page.getByTestId('case-counties')).toContainText('昭觉县');
  // evidence: a PDF, kept with the case and read later by the public
  await page.getByTestId('case-tabs').getByRole('tab', { name: '佐证材料' }).click();
  const evidence = page.getByTestId('attachments-card');
  await evidence.locator('input[type=file]').setInputFiles({ name: '项目验收报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await expect(evidence.getByTestId('attachment-item')).toHaveCount(1);
  await expect(evidence).toContainText('项目验收报告.pdf');
  await page.getByTestId('case-tabs').getByRole('tab', { name: '案例内容' }).click();
  await page.getByTestId('case-transition-submitted').click();
  await expect(page.getByTestId('case-status')).toHaveText('已提交');
  await expect(page.getByTestId('case-edit')).toHaveCount(0);
  await expect(page.getByTestId('case-history').getByTestId('history-item')).toHaveCount(2);
  await logout(page);

  // the province's officer shortlists it from the review queue
  await login(page, officer.username, officer.password);
  await menu(page).getByRole('menuitem', { name: '典型案例' }).click();
  await page.getByTestId('cases-tabs').getByRole('tab', { name: '评审' }).click();
  await expect(page).toHaveURL(/\/cases\/review$/);
  const queued = page.getByTestId('review-table').getByRole('row', { name: new RegExp(title) });
  await expect(queued.getByTestId('case-transition-returned')).toBeVisible();
  await expect(queued.getByTestId('case-transition-typical')).toHaveCount(0);
  await screenshot(page, 'case-review');
  await atWidth(page, 390, 'case-review-390');
  await queued.getByTestId('case-transition-shortlisted').click();
  await expect(queued).toHaveCount(0);
  await page.getByTestId('review-tab').getByText('待评定').click();
  // the province may still return it, but naming it typical is the nation's
  const shortlisted = page.getByTestId('review-table').getByRole('row', { name: new RegExp(title) });
  await expect(shortlisted.getByTestId('case-transition-returned')).toBeVisible();
  await expect(shortlisted.getByTestId('case-transition-typical')).toHaveCount(0);
  await logout(page);

  // the national admin names it typical, closes and publishes the collection
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/cases/review?status=shortlisted');
  const toName = page.getByTestId('review-table').getByRole('row', { name: new RegExp(title) });
  await toName.getByTestId('case-transition-typical').click();
  await expect(toName).toHaveCount(0);
  await menu(page).getByRole('menuitem', { name: '案例征集' }).click();
  await expect(crow.getByTestId('collection-cases')).toHaveText('1');
  await crow.getByTestId('collection-transition-closed').click();
  await expect(crow.getByTestId('collection-status')).toHaveText('已截止');
  await crow.getByTestId('collection-transition-published').click();
  await page.getByTestId('collection-publish-confirm').click();
  await expect(crow.getByTestId('collection-status')).toHaveText('已发布');
  await expect(crow.getByTestId('collection-transition-open')).toHaveCount(0);
  await screenshot(page, 'case-collections');
  await atWidth(page, 390, 'case-collections-390');
  await logout(page);

  // a viewer now sees it among the typical cases, with its figures from the linked project
  await login(page, viewer.username, viewer.password);
  await menu(page).getByRole('menuitem', { name: '典型案例' }).click();
  await expect(page.getByTestId('cases-tabs')).toHaveCount(0);
  await expect(page.getByTestId('case-create')).toHaveCount(0);
  const row = page.getByTestId('case-table').getByRole('row', { name: new RegExp(title) });
  await expect(row.getByTestId('case-status')).toHaveText('典型案例');
  await expect(row).toContainText('120,000.50 元');
  const download = page.waitForEvent('download');
  await page.getByTestId('case-export-csv').click();
  expect((await download).suggestedFilename()).toMatch(/^cases-.*\.csv$/);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await screenshot(page, 'cases');
  await atWidth(page, 390, 'cases-390');
  await row.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(caseUrl);
  await expect(page.getByTestId('case-status')).toHaveText('典型案例');
  await expect(page.getByTestId('case-public')).toBeVisible();
  await expect(page.getByTestId('case-figure-projects')).toHaveText('1');
  await expect(page.getByTestId('case-figure-funds-planned')).toHaveText('500,000.00 元');
  await expect(page.getByTestId('case-figure-funds-in-place')).toHaveText('120,000.50 元');
  await expect(page.getByTestId('case-figure-beneficiaries')).toHaveText('300');
  await expect(page.getByTestId('case-figure-counties')).toHaveText('1');
  await expect(page.getByTestId('case-section-approach')).toContainText('成立彝绣合作社');
  await expect(page.getByTestId('no-transitions')).toBeVisible();
  const history = page.getByTestId('case-history').getByTestId('history-item');
  await expect(history).toHaveCount(4);
  await expect(history.nth(2)).toContainText(officer.username);
  await screenshot(page, 'case-detail');
  await atWidth(page, 390, 'case-detail-390');
  await page.getByTestId('case-tabs').getByRole('tab', { name: '佐证材料' }).click();
  await expect(page.getByTestId('attachments-card')).toContainText('项目验收报告.pdf');
  await expect(page.getByTestId('attachment-upload')).toHaveCount(0);
});

test('a case is not submitted after its collection’s deadline: the refusal names the date', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const collection = await createCollection(request, admin, { year: 2021, deadline: '2021-06-30' });
  const title = unique('迟到的案例');

  await login(page, member.username, member.password);
  const form = await writeCase(page, collection.title, title);
  await expect(form.getByTestId('case-collection')).toContainText('已过截止日期');
  await form.getByLabel('背景', { exact: true }).fill('写好了，但晚了。');
  await page.getByTestId('case-save').click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('case-status')).toHaveText('草稿');
  await expect(page.getByTestId('case-draft')).toContainText('已于 2021-06-30 截止');
  await page.getByTestId('case-transition-submitted').click();
  await expect(page.getByTestId('case-move-problem')).toContainText('案例征集已于 2021-06-30 截止，不能再提交。');
  await expect(page.getByTestId('case-status')).toHaveText('草稿');
  await screenshot(page, 'case-deadline');

  // the draft stays the organization's to edit, with If-Match: a change made meanwhile is
  // reported, what was typed survives loading the latest version, and the other change is kept
  await page.getByTestId('case-edit').click();
  const edit = page.getByTestId('case-form');
  await expect(edit.getByLabel('案例标题')).toHaveValue(title);
  const retitled = unique('补交的案例');
  await edit.getByLabel('案例标题').fill(retitled);
  const caseId = page.url().split('/').at(-2) ?? '';
  const memberAuth = await apiAuth(request, member.username, member.password);
  const read = await request.get(`/api/v1/cases/${caseId}`, { headers: memberAuth });
  const other = await request.patch(`/api/v1/cases/${caseId}`, {
    headers: { ...memberAuth, 'If-Match': read.headers()['etag'], 'Content-Type': 'application/merge-patch+json' },
    data: { lessons: '同事补充的经验' },
  });
  expect(other.status(), await other.text()).toBe(200);
  await page.getByTestId('case-save').click();
  await expect(page.getByTestId('case-edit-conflict')).toBeVisible();
  await expect(edit.getByLabel('案例标题')).toHaveValue(retitled);
  await screenshot(page, 'case-edit-conflict');
  await page.getByTestId('case-edit-conflict').getByRole('button', { name: '载入最新版本' }).click();
  await page.getByTestId('case-save').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await expect(page.getByRole('heading', { name: retitled })).toBeVisible();
  await expect(page.getByTestId('case-section-lessons')).toContainText('同事补充的经验');
});
