import { expect, test, type Page } from '@playwright/test';
import { ADMIN, apiAuth, chooseIn, confirmMove, createOrganization, createProject, createUser, login, logout, menu, pick, png, screenshot, unique, OPEN_DROPDOWN } from './helpers';

/** Presses a brand move's button and confirms it, with a reason when given. */
async function moveBrand(page: Page, to: string, status: string, reason?: string) {
  await page.getByTestId(`transition-${to}`).click();
  if (reason) await page.getByTestId('transition-form').getByRole('textbox').fill(reason);
  await confirmMove(page);
  await expect(page.getByTestId('brand-status')).toHaveText(status);
}

test('a brand: registered and applied for by its organization, recommended by the province, recognized and named demonstration, then on the public showcase', async ({
  page,
  request,
}) => {
  // three people, five moves and both widths: longer than the default minute on a busy machine
  test.setTimeout(180_000);
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin, { registration_level: 'provincial', province_code: '510000' });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const officer = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000' });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const project = await createProject(request, memberAuth, {
    title: unique('村级互助养老站'),
    assistance_type: 'elderly_care',
    organizations: [{ organization_id: org.id, role: 'lead' }],
  });
  const name = unique('银龄互助');

  // the organization starts on its own brands, none yet
  await login(page, member.username, member.password);
  await menu(page).getByRole('menuitem', { name: '公益品牌' }).click();
  await expect(page).toHaveURL(/\/brands$/);
  await expect(page.getByTestId('brand-scope')).toContainText('本组织品牌');
  await expect(page.getByTestId('brand-table')).toContainText('本组织还没有登记公益品牌');

  // 登记品牌: its own organization, fixed; focus only from the chosen line
  await page.getByTestId('brand-create').click();
  const form = page.getByTestId('brand-form');
  await expect(page.getByTestId('brand-owner')).toContainText(org.name);
  await form.getByLabel('品牌名称').fill(name);
  await form.getByLabel('品牌线').click();
  await pick(page, '乡村治理');
  await form.getByLabel('帮扶方向').click();
  const focusOptions = page.locator(OPEN_DROPDOWN).locator('.ant-select-item-option');
  await expect(focusOptions).toHaveText(['“三留守”人员巡访关爱', '矛盾调解', '农村养老服务', '文明乡风']);
  await pick(page, '农村养老服务');
  await form.getByLabel('品牌名称').click(); // closes the dropdown
  await form.getByLabel('创立年份').fill('2021');
  await form.getByLabel('品牌简介').fill('以村级互助养老站为依托，组织低龄老人照护高龄、失能老人，县乡村三级联动。');
  await screenshot(page, 'brand-form');
  await page.getByTestId('brand-submit').click();
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}$/);
  const brandUrl = page.url();
  await expect(page.getByTestId('brand-status')).toHaveText('草稿');
  await expect(page.getByTestId('brand-detail')).toContainText('农村养老服务');
  await expect(page.getByTestId('dossier-empty')).toBeVisible();

  // evidence: a photo, shown as a thumbnail read with the session's token
  await page.getByRole('tab', { name: '佐证材料' }).click();
  const evidence = page.getByTestId('attachments-card');
  await expect(evidence).toContainText('还没有佐证材料');
  await evidence.locator('input[type=file]').setInputFiles({ name: '互助养老站.png', mimeType: 'image/png', buffer: png() });
  const thumb = evidence.getByTestId('attachment-thumb');
  await expect(thumb).toBeVisible();
  await expect(thumb).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => thumb.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(64);
  await expect(evidence).toContainText('互助养老站.png');
  await screenshot(page, 'brand-evidence');

  // the project carries the brand, chosen in its edit form
  await page.goto(`/projects/${project.id}`);
  await page.getByTestId('project-edit').click();
  // through chooseIn, which picks again if the click was lost while the brands were still
  // loading (seen in CI: the form was saved without a brand)
  await chooseIn(page, page.getByTestId('project-brand').locator('input'), name);
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('project-brand-link')).toHaveText(name);
  await page.getByTestId('project-brand-link').click();
  await expect(page).toHaveURL(brandUrl);
  await expect(page.getByTestId('dossier-projects')).toHaveText('1');
  await expect(page.getByTestId('dossier-by-status')).toBeVisible();
  await page.getByRole('tab', { name: '项目' }).click();
  await expect(page.getByTestId('brand-projects')).toContainText(project.title);

  // 申报
  await moveBrand(page, 'applied', '已申报');
  await expect(page.getByTestId('brand-edit')).toHaveCount(0);
  await expect(page.getByTestId('no-transitions')).toBeVisible();
  await logout(page);

  // the province recommends; returning would need a reason
  await login(page, officer.username, officer.password);
  await page.goto(brandUrl);
  await page.getByTestId('transition-returned').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  // a press while the dialog still zooms in can be lost (as confirmMove knows): press until the form answers
  await expect(async () => {
    await page.getByTestId('transition-confirm').click({ timeout: 2_000 });
    await expect(page.getByTestId('transition-form')).toContainText('退回或撤销必须填写理由', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();
  await moveBrand(page, 'recommended', '省级已推荐', '材料齐全，成效明显，同意推荐');
  await logout(page);

  // the national admin recognizes it and names it a demonstration brand
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(brandUrl);
  await moveBrand(page, 'recognized', '已认定');
  await moveBrand(page, 'demonstration', '示范品牌');
  await page.getByRole('tab', { name: '历程' }).click();
  const history = page.getByTestId('brand-history').getByTestId('history-item');
  await expect(history).toHaveCount(5);
  await expect(history.nth(2)).toContainText('已申报 → 省级已推荐');
  await expect(history.nth(2)).toContainText(officer.username);
  await expect(history.nth(2)).toContainText('材料齐全，成效明显，同意推荐');
  await screenshot(page, 'brand-detail');

  // the list: filtered by line, with the dossier's figures
  await page.goto('/brands?line=governance&sort=name');
  const row = page.getByTestId('brand-table').getByRole('row', { name: new RegExp(name) });
  await expect(row.getByTestId('brand-status')).toHaveText('示范品牌');
  await expect(row).toContainText('乡村治理');
  await expect(page.getByTestId('list-total')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('brand-export-csv').click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  await screenshot(page, 'brands');
  // the same pages on a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'brands-390');
  await page.goto(brandUrl);
  await expect(page.getByTestId('brand-dossier')).toBeVisible();
  await screenshot(page, 'brand-detail-390');
  await page.setViewportSize({ width: 1366, height: 900 });
  await logout(page);

  // anyone, not logged in: the showcase, reached from the login page
  await page.getByRole('link', { name: '典型宣传 · 公益品牌展示' }).click();
  await expect(page).toHaveURL(/\/showcase$/);
  await expect(page.getByTestId('showcase-title')).toContainText('典型宣传');
  const card = page.getByTestId('showcase-line-governance').getByTestId('showcase-brand').filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card).toContainText(org.name);
  await expect(card).toContainText('农村养老服务');
  await expect(card.getByTestId('showcase-brand-photo')).toBeVisible();
  await expect(card).toHaveAttribute('data-status', 'demonstration');
  await expect(page.getByTestId('showcase-line-governance').getByTestId('showcase-demonstration').first()).toHaveText('示范品牌');
  await expect(page.getByTestId('showcase-key-counties')).toHaveText(/^\d+ \/ 160$/);
  await screenshot(page, 'showcase');
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, 'showcase-390');
});
