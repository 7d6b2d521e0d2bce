import { expect, test } from '@playwright/test';
import { apiAuth, createOrganization, createUser, login, logout, menu, pick, screenshot, unique } from './helpers';

test('a county officer raises a need, sees ranked matches with their reasons and invites one, who answers', async ({ page, request }) => {
  test.slow(); // three people take their turns, each logging in
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin, { specialties: ['elderly_care'], name: unique('乡村养老服务基金会') });
  const offer = await request.post(`/api/v1/organizations/${org.id}/offers`, {
    headers: admin,
    data: { title: '农村互助养老站', assistance_types: ['elderly_care'], capacity: '800000.00', preferred_province_codes: ['510000'] },
  });
  expect(offer.status(), await offer.text()).toBe(201);
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const title = unique('互助养老站建设');

  await login(page, officer.username, officer.password);
  await menu(page).getByRole('menuitem', { name: '需求对接' }).click();
  await page.getByTestId('need-create').click();
  const form = page.getByTestId('need-form');
  await form.getByLabel('帮扶类型').click();
  await pick(page, '养老');
  await form.getByLabel('需求名称').fill(title);
  await form.getByLabel('预算').fill('500,000');
  await form.getByLabel('受益人数').fill('1200');
  await screenshot(page, 'need-form');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();

  await expect(page).toHaveURL(/\/needs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('need-detail')).toContainText('500,000.00 元');
  await expect(page.getByTestId('need-status')).toHaveText('待对接');

  const row = page.getByTestId('match-table').getByRole('row', { name: new RegExp(org.name) });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('match-parts').locator('[data-part=type_fit]')).toHaveText('类型契合 +40');
  await expect(row.getByTestId('match-parts').locator('[data-part=region]')).toContainText('地域意向 +20');
  await expect(row.getByTestId('match-reason')).not.toBeEmpty();
  const score = Number(await row.getByTestId('match-score').textContent());
  expect(score).toBeGreaterThanOrEqual(60);
  await screenshot(page, 'need-detail');

  await row.getByTestId('match-invite').click();
  await expect(row.getByTestId('invited-link')).toBeVisible();
  const needUrl = page.url();
  // the invitation is the server's: it is still there after a reload, waiting for the organization
  await page.reload();
  await expect(row.getByTestId('invited-link').getByTestId('consent-tag')).toHaveText('待接受');
  await expect(row.getByTestId('match-invite')).toHaveCount(0);
  const sent = page.getByTestId('need-invitations').getByRole('row', { name: new RegExp(org.name) });
  await expect(sent.getByTestId('consent-tag')).toHaveText('待接受');
  await expect(sent.getByTestId('pairing-status')).toHaveText('已申请');
  await row.getByTestId('invited-link').click();
  await expect(page).toHaveURL(/\/pairings\//);
  await expect(page.getByTestId('pairing-detail').getByTestId('pairing-status')).toHaveText('已申请');
  await expect(page.getByTestId('pairing-detail')).toContainText('来自需求');
  await expect(page.getByTestId('transition-accepted')).toHaveCount(0); // the county does not answer for it

  // the English UI shows the English reason
  await page.goBack();
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(row.getByTestId('match-reason')).not.toContainText(/[\u4e00-\u9fff]{4}/);
  await page.getByTestId('language-switch').getByText('中文').click();

  await page.goto('/needs');
  await expect(page.getByTestId('need-table')).toContainText(title);
  await screenshot(page, 'needs');
  await logout(page);

  // the organization sees the invitation among its own and declines it
  await login(page, member.username, member.password);
  await menu(page).getByRole('menuitem', { name: '结对帮扶' }).click();
  const invitation = page.getByTestId('pairing-invitations').getByRole('row', { name: /昭觉县/ });
  await invitation.getByTestId('invitation-open').click();
  await expect(page.getByTestId('pairing-detail')).toContainText('来自需求');
  await page.getByTestId('transition-declined').click();
  await page.getByRole('dialog').getByLabel('理由（可选）').fill('本年度养老项目已排满');
  await page.getByRole('dialog').getByRole('button', { name: /拒\s*绝/ }).click();
  await expect(page).toHaveURL(/\/pairings\?organization=[0-9a-f-]+$/); // its own, by default
  await expect(page.getByTestId('pairing-invitations')).toHaveCount(0);
  await logout(page);

  // the county reads the answer on the need
  await login(page, officer.username, officer.password);
  await page.goto(needUrl);
  const answered = page.getByTestId('need-invitations').getByRole('row', { name: new RegExp(org.name) });
  await expect(answered.getByTestId('consent-tag')).toHaveText('已拒绝');
  await expect(answered.getByTestId('pairing-status')).toHaveText('组织已拒绝');
  await screenshot(page, 'need-invitations');
});

test('a need’s matches: a member sees its own organization only, a viewer a note instead', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin, { specialties: ['industry'], name: unique('产业帮扶促进会') });
  const rival = await createOrganization(request, admin, { specialties: ['industry'], name: unique('竞争方促进会') });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const need = await request.post('/api/v1/needs', {
    headers: await apiAuth(request, officer.username, officer.password),
    data: { county_code: '513431', assistance_type: 'industry', title: unique('花椒产业'), budget_estimate: '300000', priority: 'medium' },
  });
  expect(need.status(), await need.text()).toBe(201);
  const { id } = (await need.json()) as { id: string };

  const staff = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  await login(page, staff.username, staff.password);
  await page.goto(`/needs/${id}`);
  await expect(page.getByTestId('matches-own-only')).toBeVisible();
  await expect(page.getByTestId('match-table')).toContainText(org.name);
  await expect(page.getByTestId('match-table')).not.toContainText(rival.name);
  await logout(page);

  const viewer = await createUser(request, admin, { role: 'viewer' });
  await login(page, viewer.username, viewer.password);
  await page.goto(`/needs/${id}`);
  await expect(page.getByTestId('matches-restricted')).toBeVisible();
  await expect(page.getByTestId('match-table')).toHaveCount(0);
});
