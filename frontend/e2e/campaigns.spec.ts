import { expect, test } from '@playwright/test';
import {
  acceptProject,
  ADMIN,
  apiAuth,
  chooseIn,
  createCampaign,
  createDockingEvent,
  createOrganization,
  createProject,
  createUser,
  login,
  menu,
  moveProject,
  pickZhaojue,
  screenshot,
  unique,
} from './helpers';

test('a campaign’s funnel moves when a project is docked at its event and signed', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const campaign = await createCampaign(request, admin);
  const event = await createDockingEvent(request, admin, campaign.id, { organization_ids: [org.id] });

  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '社会组织乡村行' }).click();
  await expect(page.getByTestId('campaign-table')).toContainText(campaign.theme);
  await screenshot(page, 'campaigns');
  await page.getByTestId('campaign-table').getByText(campaign.theme).click();

  await expect(page).toHaveURL(new RegExp(`/campaigns/${campaign.id}$`));
  await expect(page.getByTestId('event-table')).toContainText(event.place);
  await expect(page.getByTestId('event-table')).toContainText('昭觉县');
  for (const stage of ['docked', 'signed', 'landed', 'completed']) await expect(page.getByTestId(`funnel-${stage}`)).toHaveText('0');

  // the organization docks a project at the event and signs it; a second one stays docking
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const signed = await createProject(request, memberAuth, { organizations: [{ organization_id: org.id, role: 'lead' }], event_id: event.id });
  await moveProject(request, memberAuth, signed.id, 'signed');
  await createProject(request, admin, { organizations: [{ organization_id: org.id, role: 'lead' }], event_id: event.id });

  await page.reload();
  await expect(page.getByTestId('funnel-docked')).toHaveText('2');
  await expect(page.getByTestId('funnel-signed')).toHaveText('1');
  await expect(page.getByTestId('funnel-signed-rate')).toContainText('50%');
  await expect(page.getByTestId('funnel-landed')).toHaveText('0');
  const eventRow = page.getByTestId('funnel-by-event').getByRole('row', { name: new RegExp(event.place) });
  await expect(eventRow.getByRole('cell').nth(1)).toHaveText('2');
  await expect(eventRow.getByRole('cell').nth(2)).toHaveText('1');
  await expect(page.getByTestId('funnel-by-province')).toContainText('四川省');
  await expect(page.getByTestId('at-risk-total')).toHaveText('0');
  await expect(page.getByTestId('funnel-chart').locator('canvas')).toBeVisible();
  await screenshot(page, 'campaign-detail');

  // the event's projects, through the link
  await eventRow.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?event=${event.id}`));
  await expect(page.getByTestId('project-scope-event')).toBeVisible();
  await expect(page.getByTestId('list-total')).toHaveText('共 2 条');
});

test('a national admin publishes a campaign and adds a docking event through the forms', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const theme = unique('助力乡村振兴·');
  const place = unique('昭觉县乡村振兴对接会');

  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/campaigns');
  await page.getByTestId('campaign-create').click();
  const form = page.getByTestId('campaign-form');
  await form.getByLabel('年度').fill('2026');
  await form.getByLabel('主题').fill(theme);
  await chooseIn(page, form.getByLabel('目标省份'), '四川省', '四川');
  await page.keyboard.press('Escape');
  await screenshot(page, 'campaign-form');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();

  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('campaign-detail')).toContainText('四川省');
  await page.getByTestId('event-add').click();
  const ev = page.getByTestId('event-form');
  await ev.getByLabel('日期').fill('2026-05-20');
  await ev.getByLabel('日期').press('Enter');
  await ev.getByLabel('地点').fill(place);
  await pickZhaojue(page, ev);
  await chooseIn(page, ev.getByLabel('参与社会组织'), org.name, org.name);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('event-table')).toContainText(place);
  await expect(page.getByTestId('event-table')).toContainText('1 家');
});

test('a viewer’s funnel counts the published projects only and says so', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const campaign = await createCampaign(request, admin);
  const event = await createDockingEvent(request, admin, campaign.id, { organization_ids: [org.id] });
  const organizations = [{ organization_id: org.id, role: 'lead' }];
  // one project stays docking (unpublished); one lands (published): the county confirms the declared landing
  const hidden = await createProject(request, admin, { title: unique('未公开项目'), organizations, event_id: event.id });
  const landed = await createProject(request, admin, { organizations, event_id: event.id });
  // the lead accepts before the project is signed (nobody takes part without consenting)
  const staff = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const staffAuth = await apiAuth(request, staff.username, staff.password);
  await acceptProject(request, staffAuth, landed.id, org.id);
  await moveProject(request, admin, landed.id, 'signed');
  const county = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  await moveProject(request, staffAuth, landed.id, 'landed');
  await moveProject(request, await apiAuth(request, county.username, county.password), landed.id, 'landed');

  const viewer = await createUser(request, admin, { role: 'viewer' });
  await login(page, viewer.username, viewer.password);
  await page.goto(`/campaigns/${campaign.id}`);
  await expect(page.getByTestId('funnel-scope')).toContainText('仅已公开');
  await expect(page.getByTestId('funnel-docked')).toHaveText('1');
  await expect(page.getByTestId('funnel-landed')).toHaveText('1');
  await expect(page.getByTestId('at-risk')).toHaveCount(0);
  await expect(page.getByText(hidden.title)).toHaveCount(0);
  await screenshot(page, 'campaign-detail-viewer');
});
