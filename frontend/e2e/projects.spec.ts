import { expect, test } from '@playwright/test';
import { apiAuth, confirmMove, createCampaign, createDockingEvent, createOrganization, createProject, createUser, login, logout, menu, pickZhaojue, png, screenshot, unique, OPEN_DROPDOWN } from './helpers';

test('a project in 昭觉县: docked by the organization, signed, landing declared, confirmed by the county, progress reported', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  // people appear by their names (an organization's member with the organization), never by login
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id, display_name: '王芳' });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431', display_name: '昭觉县乡村振兴局' });
  const memberName = `王芳（${org.name}）`;
  const title = unique('乡村学校图书角');
  const campaign = await createCampaign(request, admin);
  const event = await createDockingEvent(request, admin, campaign.id);

  // the organization docks the project through the form; its own organization leads
  await login(page, member.username, member.password);
  await menu(page).getByRole('menuitem', { name: '项目' }).click();
  await expect(page.getByTestId('project-table')).toBeVisible();
  await page.getByTestId('project-create').click();
  const form = page.getByTestId('project-form');
  await form.getByLabel('项目名称').fill(title);
  await pickZhaojue(page, form);
  await expect(page.getByTestId('project-org-0')).toContainText(org.name);
  await form.getByLabel('帮扶类型').click();
  await page.locator(OPEN_DROPDOWN).getByText('教育', { exact: true }).click();
  await form.getByLabel('计划资金').fill('500,000');
  await form.getByLabel('可持续性').fill('由村小教师轮值管理，县图书馆定期更新书目');
  // nothing is silently changed or dropped: a negative count and a rural tour without its docking
  // event are refused, each with a message at its field
  await form.getByLabel('计划受益人数').fill('-5');
  await page.getByTestId('project-campaign').click();
  await page.locator(OPEN_DROPDOWN).getByText(campaign.theme).click();
  await page.getByTestId('project-submit').click();
  await expect(form.getByText('不能为负数')).toBeVisible();
  await expect(form.getByLabel('计划受益人数')).toHaveValue('-5');
  await expect(form.getByText('选择了乡村行，请再选择对接活动')).toBeVisible();
  await expect(page).toHaveURL(/\/projects\/new/);
  await form.getByLabel('计划受益人数').fill('1000');
  await page.getByTestId('project-event').click();
  await page.locator(OPEN_DROPDOWN).getByText(event.place).click();
  await screenshot(page, 'project-form');
  await page.getByTestId('project-submit').click();

  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  const url = page.url();
  const detail = page.getByTestId('project-detail');
  await expect(detail.getByTestId('project-status')).toHaveText('对接中');
  await expect(page.getByTestId('project-organizations')).toContainText(org.name);
  await expect(page.getByTestId('project-organizations')).toContainText('牵头');
  await expect(page.getByTestId('planned-funds')).toHaveText('500,000.00 元');
  await expect(page.getByTestId('project-event-link')).toHaveAttribute('href', `/campaigns/${campaign.id}`);

  // signed
  await page.getByTestId('transition-signed').click();
  await confirmMove(page);
  await expect(detail.getByTestId('project-status')).toHaveText('已签约');
  await expect(page.getByTestId('landing-message')).toHaveText('已签约，待社会组织申报落地');

  // the organization declares landing with a photo and a short note: the project stays signed,
  // waiting for the county
  await expect(page.getByTestId('transition-landed')).toHaveText(/^落\s*地$/);
  await page.getByTestId('transition-landed').click();
  const declaring = page.getByRole('dialog');
  await declaring.getByLabel('说明（可选）').fill('图书角已建成，照片见佐证材料');
  await declaring.getByTestId('attachments-card').locator('input[type=file]').setInputFiles({ name: '图书角.png', mimeType: 'image/png', buffer: png() });
  await expect(declaring.getByTestId('attachment-thumb')).toBeVisible();
  await screenshot(page, 'project-landing-declaration');
  await confirmMove(page);
  await expect(page.getByTestId('landing-message')).toHaveText('已申报落地，待县级确认');
  await expect(detail.getByTestId('project-status')).toHaveText('已签约');
  await expect(page.getByTestId('landing-declared')).toContainText(memberName);
  await expect(page.getByTestId('landing-declared-note')).toHaveText('图书角已建成，照片见佐证材料');
  await expect(page.getByTestId('no-transitions')).toBeVisible();
  await logout(page);

  // the county officer of 513431 sees the photo on the page and in the dialog, then confirms
  await login(page, officer.username, officer.password);
  await page.goto(url);
  await expect(page.getByTestId('landing-message')).toHaveText('已申报落地，待县级确认');
  const onPage = page.getByTestId('attachments-card').first();
  await expect(onPage).toContainText('图书角.png');
  await expect(onPage.getByTestId('attachment-thumb')).toBeVisible();
  await expect(page.getByTestId('transition-landed')).toHaveText('确认落地');
  await page.getByTestId('transition-landed').click();
  await expect(page.getByRole('dialog').getByTestId('attachments-card')).toContainText('图书角.png');
  await page.getByRole('dialog').getByLabel('说明（可选）').fill('已现场核验');
  await confirmMove(page);
  await expect(detail.getByTestId('project-status')).toHaveText('已落地');
  await expect(page.getByTestId('landing-message')).toHaveText('已落地（县级已确认）');
  await expect(page.getByTestId('landing-declared')).toContainText(memberName);
  await expect(page.getByTestId('landing-confirmed')).toContainText('昭觉县乡村振兴局');
  await expect(page.getByTestId('landing-confirmed-note')).toHaveText('已现场核验');
  await expect(page.getByTestId('landing-block')).not.toContainText(member.username);

  const history = page.getByTestId('project-history').getByTestId('history-item');
  await expect(history).toHaveCount(4);
  await expect(history.nth(2)).toContainText('申报落地');
  await expect(history.nth(2)).toContainText(memberName);
  await expect(history.nth(3)).toContainText('县级确认落地');
  await expect(history.nth(3)).toContainText('昭觉县乡村振兴局');

  // a progress update moves the funds in place and the people reached
  await expect(page.getByTestId('funds-in-place')).toHaveText('0.00 元');
  await page.getByTestId('update-add').click();
  const u = page.getByTestId('update-form');
  await u.getByLabel('日期').fill('2025-06-01');
  await u.getByLabel('日期').press('Enter');
  await u.getByLabel('进展情况').fill('首批图书 3000 册到位，10 所村小图书角建成');
  await u.getByLabel('新到位资金').fill('120,000.50');
  await u.getByLabel('新增受益人数').fill('300');
  await screenshot(page, 'project-update-form');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('funds-in-place')).toHaveText('120,000.50 元');
  await expect(page.getByTestId('beneficiaries-reached')).toHaveText('300');
  await expect(page.getByTestId('update-table')).toContainText('首批图书 3000 册到位');
  await expect(history).toHaveCount(5);
  await expect(history.nth(4)).toContainText('120,000.50 元');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await screenshot(page, 'project-detail');

  // the list, filtered in the URL, and its export
  await page.goto('/projects?county=513431&sort=-funds_in_place');
  const row = page.getByTestId('project-table').getByRole('row', { name: new RegExp(title) });
  await expect(row).toContainText('120,000.50 元');
  await expect(row.getByTestId('project-status')).toHaveText('已落地');
  await expect(page.getByTestId('list-total')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('project-export-csv').click();
  expect((await download).suggestedFilename()).toMatch(/^projects-.*\.csv$/);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await screenshot(page, 'projects');

  // 仅看停滞项目 goes into the URL; the fresh project is not stale
  await page.getByTestId('project-stale-only').click();
  await expect(page).toHaveURL(/stale=true/);
  await expect(page.getByTestId('project-table').getByRole('row', { name: new RegExp(title) })).toHaveCount(0);
});

test('a project docked by the county waits for its lead organization, which accepts it from its invitations', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const officerAuth = await apiAuth(request, officer.username, officer.password);
  const project = await createProject(request, officerAuth, { organizations: [{ organization_id: org.id, role: 'lead' }] });

  await login(page, member.username, member.password);
  await menu(page).getByRole('menuitem', { name: '项目' }).click();
  const invitation = page.getByTestId('project-invitations').getByRole('row', { name: new RegExp(project.title) });
  await invitation.getByTestId('project-invitation-open').click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  const named = page.getByTestId('project-organization').filter({ hasText: org.name });
  await expect(named.getByTestId('consent-tag')).toHaveText('待接受');
  await expect(page.getByTestId('no-transitions')).toBeVisible(); // nothing to sign before accepting
  await screenshot(page, 'project-invitation');
  await named.getByTestId('project-answer-accepted').click();
  await expect(named.getByTestId('consent-tag')).toHaveText('已接受');
  await expect(named).toContainText(member.username);
  await expect(page.getByTestId('transition-signed')).toBeVisible();
  await page.goto('/projects');
  await expect(page.getByTestId('project-invitations')).toHaveCount(0);
});

test('a project is edited with If-Match; a change made meanwhile is reported and the typed values survive a reload', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const project = await createProject(request, admin, { organizations: [{ organization_id: org.id, role: 'lead' }] });
  await login(page, 'admin', 'Admin-e2e-Passw0rd!');
  await page.goto(`/projects/${project.id}`);

  await page.getByTestId('project-edit').click();
  const form = page.getByTestId('project-edit-form');
  const title = unique('花椒加工车间');
  await form.getByLabel('项目名称').fill(title);
  // someone else changes the project meanwhile
  const read = await request.get(`/api/v1/projects/${project.id}`, { headers: admin });
  const other = await request.patch(`/api/v1/projects/${project.id}`, {
    headers: { ...admin, 'If-Match': read.headers()['etag'], 'Content-Type': 'application/merge-patch+json' },
    data: { beneficiaries_planned: 77 },
  });
  expect(other.status()).toBe(200);
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('project-edit-conflict')).toBeVisible();
  await expect(form.getByLabel('项目名称')).toHaveValue(title);
  await screenshot(page, 'project-edit-conflict');

  await page.getByTestId('project-edit-conflict').getByRole('button', { name: '载入最新版本' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();
  const saved = (await (await request.get(`/api/v1/projects/${project.id}`, { headers: admin })).json()) as { title: string; beneficiaries_planned: number };
  expect(saved.title).toBe(title);
  expect(saved.beneficiaries_planned).toBe(77); // the other change is kept

});
