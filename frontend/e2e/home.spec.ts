import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  ADMIN,
  acceptProject,
  apiAuth,
  createCampaign,
  createDockingEvent,
  createOrganization,
  createPairing,
  createProject,
  createUser,
  login,
  menu,
  movePairing,
  moveProject,
  screenshot,
  unique,
} from './helpers';

// The home dashboard (首页) of each role: its figures, made here through the API, and each tile
// opening the list behind it, filtered as the figure is.

type Headers = Record<string, string>;

/** Today and this year on China's clock, the one the series are dated by. */
const chinaToday = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
const thisYear = () => Number(chinaToday().slice(0, 4));

/**
 * A project in `county` led by `org`: accepted by its member, signed, its landing declared by the
 * organization and — unless `declaredOnly` — confirmed by the county; then a progress update.
 */
async function landedProject(
  request: APIRequestContext,
  admin: Headers,
  p: { county: string; orgId: string; member: Headers; officer: Headers; funds?: string; declaredOnly?: boolean; extra?: Record<string, unknown> },
) {
  const project = await createProject(request, admin, {
    title: unique('首页测试项目'),
    county_code: p.county,
    organizations: [{ organization_id: p.orgId, role: 'lead' }],
    ...p.extra,
  });
  await acceptProject(request, p.member, project.id, p.orgId);
  await moveProject(request, admin, project.id, 'signed');
  await moveProject(request, p.member, project.id, 'landed');
  if (!p.declaredOnly) await moveProject(request, p.officer, project.id, 'landed');
  if (p.funds) {
    const res = await request.post(`/api/v1/projects/${project.id}/updates`, {
      headers: admin,
      data: { date: chinaToday(), narrative: '首批资金到位，村民开始受益', funds_delta: p.funds, beneficiaries_delta: 120 },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  return project;
}

/**
 * An organization named apart from the other specs' 乡村振兴测试基金会…: their pickers search that
 * name and see the first 20, so every extra one would push theirs out of sight.
 */
function homeOrganization(request: APIRequestContext, admin: Headers) {
  return createOrganization(request, admin, { name: unique('首页测试公益服务中心') });
}

/** A user of the role, and the API headers of their session. */
async function actor(request: APIRequestContext, admin: Headers, data: Record<string, unknown>) {
  const user = await createUser(request, admin, data);
  return { ...user, auth: await apiAuth(request, user.username, user.password) };
}

async function listTotal(request: APIRequestContext, headers: Headers, path: string): Promise<number> {
  const res = await request.get(`${path}${path.includes('?') ? '&' : '?'}count=true&limit=1`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

/** Landings confirmed this year, as the caller's scope counts them. */
async function landedThisYear(request: APIRequestContext, headers: Headers, filter = ''): Promise<number> {
  const res = await request.get(`/api/v1/statistics/projects/series?interval=month&from=${thisYear()}-01-01${filter}`, { headers });
  expect(res.status(), await res.text()).toBe(200);
  const { periods } = (await res.json()) as { periods: { landed: number }[] };
  return periods.reduce((s, p) => s + p.landed, 0);
}

function tile(page: Page, key: string) {
  return page.getByTestId(`home-tile-${key}`);
}

async function expectTile(page: Page, key: string, value: number) {
  await expect(page.getByTestId(`home-tile-${key}-value`)).toHaveAttribute('data-value', String(value));
}

/** The home page is `/`, with 首页 selected in the menu. */
async function expectHome(page: Page, scope: string) {
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('home')).toHaveAttribute('data-scope', scope);
  await expect(menu(page).getByRole('menuitem', { name: '首页' })).toHaveClass(/ant-menu-item-selected/);
}

/** The same page on a phone: the tiles in one column, nothing wider than the screen. */
async function phoneShot(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await expect(page.getByTestId('home')).toBeVisible();
  const tiles = page.getByTestId('home-figures').locator('.ant-col');
  const first = await tiles.nth(0).boundingBox();
  const second = await tiles.nth(1).boundingBox();
  expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1); // stacked, not side by side
  const overflow = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
    return doc.documentElement.scrollWidth - doc.documentElement.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, name);
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('a national admin lands on the national dashboard; the landings tile opens the landings waiting for a county', async ({ page, request }) => {
  test.slow();
  const admin = await apiAuth(request);
  const org = await homeOrganization(request, admin);
  const member = (await actor(request, admin, { role: 'org_member', organization_id: org.id })).auth;
  const officer = (await actor(request, admin, { role: 'county_officer', county_code: '513431' })).auth;
  // this year's rural tour, with one project landed and one waiting for the county's confirmation
  const campaign = await createCampaign(request, admin, { year: thisYear() });
  const event = await createDockingEvent(request, admin, campaign.id, { date: chinaToday(), organization_ids: [org.id] });
  const extra = { event_id: event.id }; // the event places the project in the campaign
  await landedProject(request, admin, { county: '513431', orgId: org.id, member, officer, funds: '1234567.00', extra });
  const waiting = await landedProject(request, admin, { county: '513431', orgId: org.id, member, officer, declaredOnly: true, extra });

  const toConfirm = await listTotal(request, admin, '/api/v1/projects?landing_declared=true');
  const stale = await listTotal(request, admin, '/api/v1/projects?stale=true');
  const active = await listTotal(request, admin, '/api/v1/pairings?status=active');
  const landed = await landedThisYear(request, admin);
  expect(toConfirm).toBeGreaterThanOrEqual(1);
  expect(landed).toBeGreaterThanOrEqual(1);
  const campaigns = (await (await request.get('/api/v1/campaigns', { headers: admin })).json()) as { items: { id: string }[] };
  const latest = campaigns.items[0].id;
  const funnel = (await (await request.get(`/api/v1/campaigns/${latest}/funnel`, { headers: admin })).json()) as { docked: number; landed: number };

  await login(page, ADMIN.username, ADMIN.password);
  await expectHome(page, 'national');
  await expect(page.getByTestId('home-scope')).toHaveText('全国 · 社会组织助力乡村振兴工作概览');
  await expectTile(page, 'landingsToConfirm', toConfirm);
  await expectTile(page, 'stale', stale);
  await expectTile(page, 'activePairings', active);
  await expectTile(page, 'landedThisYear', landed);
  // covered of the plan's 160, with the 66 counties not registered yet
  const coverage = (await (await request.get('/api/v1/coverage', { headers: admin })).json()) as { target: number; covered: number; unregistered: number };
  expect(coverage.target).toBe(160);
  await expectTile(page, 'coverage', coverage.covered);
  await expect(tile(page, 'coverage')).toContainText('/ 160 县');
  await expect(tile(page, 'coverage')).toContainText(`未登记 ${coverage.unregistered} 县`);
  await expect(tile(page, 'fundsInPlace')).toContainText('万元');
  // the map of the western provinces, the rural tour's funnel, the trends and the ranking
  await expect(page.getByTestId('home-map').getByTestId('coverage-map')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('home-funnel-link')).toHaveAttribute('href', `/campaigns/${latest}`);
  await expect(page.getByTestId('home-funnel-docked')).toHaveText(String(funnel.docked));
  await expect(page.getByTestId('home-funnel-landed')).toHaveText(String(funnel.landed));
  await expect(page.getByTestId('home-trend-landed').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('home-trend-funds')).toHaveAttribute('data-unit', '万元');
  await expect(page.getByTestId('home-ranking-top')).toContainText('四川省');
  await screenshot(page, 'home-national-admin');

  await tile(page, 'landingsToConfirm').click();
  await expect(page).toHaveURL(/\/projects\?landing_declared=true$/);
  await expect(page.getByTestId('project-scope-landing_declared')).toBeVisible();
  await expect(page.getByTestId('project-table').getByRole('row', { name: new RegExp(waiting.title) })).toBeVisible();
  await expect(page.getByTestId('list-total')).toHaveText(`共 ${toConfirm} 条`);

  await menu(page).getByRole('menuitem', { name: '首页' }).click();
  await expectHome(page, 'national');
  await tile(page, 'stale').click();
  await expect(page).toHaveURL(/\/projects\?stale=true$/);
  await expect(page.getByTestId('project-stale-only')).toBeChecked();

  await phoneShot(page, 'home-national-admin-390');
});

test('a provincial officer sees the province: its figures, its counties ranked, tiles opening the province’s lists', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await homeOrganization(request, admin);
  const member = (await actor(request, admin, { role: 'org_member', organization_id: org.id })).auth;
  const officer = (await actor(request, admin, { role: 'county_officer', county_code: '522327' })).auth;
  const project = await landedProject(request, admin, { county: '522327', orgId: org.id, member, officer, funds: '2000000.00' });
  const provincial = await createUser(request, admin, { role: 'provincial_officer', province_code: '520000' });
  const auth = await apiAuth(request, provincial.username, provincial.password);
  const landed = await landedThisYear(request, auth, '&province=520000');
  expect(landed).toBeGreaterThanOrEqual(1);

  await login(page, provincial.username, provincial.password);
  await expectHome(page, 'province');
  await expect(page.getByTestId('home-scope')).toHaveText('贵州省 · 本省工作概览');
  await expectTile(page, 'landedThisYear', landed);
  await expect(tile(page, 'coverage')).toContainText('/ 20 县'); // Guizhou's twenty key counties
  await expect(tile(page, 'coverage')).toHaveAttribute('href', '/coverage?province=520000');
  await expect(page.getByTestId('home-map').getByTestId('coverage-map')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  // counties, not provinces: 册亨县 and its 200 万元 on top, the key counties without projects at the bottom
  const top = page.getByTestId('home-ranking-top').getByTestId('home-rank-item').first();
  await expect(top).toHaveAttribute('data-code', '522327');
  await expect(top).toContainText('册亨县');
  await expect(top).toContainText('200 万元');
  await expect(page.getByTestId('home-ranking-bottom')).toContainText('0.00 元');
  await screenshot(page, 'home-provincial-officer');

  // behind the figure, exactly the projects it counts: landed in this year, whatever their status now
  await tile(page, 'landedThisYear').click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?province=520000&landed_year=${thisYear()}$`));
  await expect(page.getByTestId('project-scope-landed_year')).toHaveText(`${thisYear()} 年落地（县级已确认）`);
  await expect(page.getByTestId('list-total')).toHaveText(`共 ${landed} 条`);
  await expect(page.getByTestId('project-table').getByRole('row', { name: new RegExp(project.title) })).toBeVisible();

  await page.goto('/');
  await top.getByRole('link', { name: '册亨县' }).click();
  await expect(page).toHaveURL(/\/projects\?county=522327&sort=-funds_in_place$/);
  await expect(page.getByTestId('project-table')).toContainText(project.title);
});

test('a county officer sees the county’s pairings, needs and projects, and opens the pairings waiting for confirmation', async ({ page, request }) => {
  const county = '530621'; // 鲁甸县, used by no other spec
  const admin = await apiAuth(request);
  const paired = await homeOrganization(request, admin);
  const applicant = await homeOrganization(request, admin);
  const officerUser = await createUser(request, admin, { role: 'county_officer', county_code: county });
  const officer = await apiAuth(request, officerUser.username, officerUser.password);
  const pairedMember = (await actor(request, admin, { role: 'org_member', organization_id: paired.id })).auth;
  const applicantMember = (await actor(request, admin, { role: 'org_member', organization_id: applicant.id })).auth;
  // one pairing active (the organization applied, the county confirmed), one waiting for the county
  const active = await createPairing(request, pairedMember, { county_code: county, lead_organization_id: paired.id });
  await movePairing(request, officer, active.id, 'confirmed');
  await createPairing(request, applicantMember, { county_code: county, lead_organization_id: applicant.id });
  // one open need, one landing declared by the organization
  const need = await request.post('/api/v1/needs', {
    headers: officer,
    data: { county_code: county, assistance_type: 'industry', title: unique('鲁甸花椒'), budget_estimate: '300000', priority: 'high' },
  });
  expect(need.status(), await need.text()).toBe(201);
  const declared = await landedProject(request, admin, { county, orgId: paired.id, member: pairedMember, officer, declaredOnly: true });

  await login(page, officerUser.username, officerUser.password);
  await expectHome(page, 'county');
  await expect(page.getByTestId('home-scope')).toHaveText('鲁甸县 · 本县工作概览');
  await expectTile(page, 'activePairings', 1);
  await expectTile(page, 'pairingsToConfirm', 1);
  await expectTile(page, 'openNeeds', 1);
  await expectTile(page, 'matchedNeeds', 0);
  await expectTile(page, 'landingsToConfirm', 1);
  await expect(page.getByTestId('home-status-signed-count')).toHaveText('1');
  await expect(page.getByTestId('home-by-status')).toContainText('共 1 个项目');
  await expect(page.getByTestId('home-map')).toHaveCount(0);
  await screenshot(page, 'home-county-officer');

  await tile(page, 'pairingsToConfirm').click();
  await expect(page).toHaveURL(new RegExp(`/pairings\\?county=${county}&status=accepted$`));
  await expect(page.getByTestId('pairing-table')).toContainText(applicant.name);
  await expect(page.getByTestId('pairing-table')).not.toContainText(paired.name);

  await page.goto('/');
  await tile(page, 'landingsToConfirm').click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?county=${county}&landing_declared=true$`));
  await expect(page.getByTestId('project-table').getByRole('row', { name: new RegExp(declared.title) })).toBeVisible();

  await phoneShot(page, 'home-county-officer-390');
});

test('an organization’s member sees its pairings, projects and brands, and opens the invitations to answer', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await homeOrganization(request, admin);
  const memberUser = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const member = await apiAuth(request, memberUser.username, memberUser.password);
  const officer = (await actor(request, admin, { role: 'county_officer', county_code: '530622' })).auth;
  // its own project (it takes part at once), a project and a pairing that invite it
  await createProject(request, member, { county_code: '530622', organizations: [{ organization_id: org.id, role: 'lead' }] });
  const invited = await createProject(request, officer, { county_code: '530622', organizations: [{ organization_id: org.id, role: 'lead' }] });
  await createPairing(request, admin, { county_code: '530622', lead_organization_id: org.id });

  await login(page, memberUser.username, memberUser.password);
  await expectHome(page, 'organization');
  await expect(page.getByTestId('home-scope')).toHaveText(`${org.name} · 本组织工作概览`);
  await expectTile(page, 'projectInvitations', 1);
  await expectTile(page, 'pairingInvitations', 1);
  await expectTile(page, 'projects', 1);
  await expectTile(page, 'activePairings', 0);
  await expectTile(page, 'brands', 0);
  await expect(page.getByTestId('home-status-docking-count')).toHaveText('1');
  await screenshot(page, 'home-org-member');

  // the list opens on the organization's own projects (its default area), invitations above them
  await tile(page, 'projectInvitations').click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?organization=${org.id}$`));
  await expect(page.getByTestId('project-invitations')).toContainText(invited.title);

  await page.goto('/');
  await tile(page, 'projects').click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?organization=${org.id}$`));
  await expect(page.getByTestId('project-scope-organization')).toBeVisible();
  await expect(page.getByTestId('project-table')).not.toContainText(invited.title);

  await page.goto('/');
  await tile(page, 'pairingInvitations').click();
  await expect(page).toHaveURL(new RegExp(`/pairings\\?organization=${org.id}$`));
  await expect(page.getByTestId('pairing-invitations')).toBeVisible();
});

test('a viewer sees the published national figures; an evaluator too, with a note on the evaluation tasks to come', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await homeOrganization(request, admin);
  const member = (await actor(request, admin, { role: 'org_member', organization_id: org.id })).auth;
  const officer = (await actor(request, admin, { role: 'county_officer', county_code: '530623' })).auth;
  const published = await landedProject(request, admin, { county: '530623', orgId: org.id, member, officer, funds: '80000.00' });
  const hidden = await createProject(request, admin, { title: unique('未公开项目'), county_code: '530623', organizations: [{ organization_id: org.id, role: 'lead' }] });

  const viewer = await createUser(request, admin, { role: 'viewer' });
  const viewerAuth = await apiAuth(request, viewer.username, viewer.password);
  const landed = await landedThisYear(request, viewerAuth);
  const active = await listTotal(request, viewerAuth, '/api/v1/pairings?status=active');
  expect(landed).toBeGreaterThanOrEqual(1);

  await login(page, viewer.username, viewer.password);
  await expectHome(page, 'published');
  await expect(page.getByTestId('home-published-note')).toBeVisible();
  await expectTile(page, 'landedThisYear', landed);
  await expectTile(page, 'activePairings', active);
  await expect(page.getByTestId('home-todo')).toHaveCount(0);
  await expect(page.getByTestId('home-evaluator-note')).toHaveCount(0);
  await screenshot(page, 'home-viewer');

  await tile(page, 'landedThisYear').click();
  await expect(page).toHaveURL(new RegExp(`/projects\\?landed_year=${thisYear()}$`));
  await expect(page.getByTestId('list-total')).toHaveText(`共 ${landed} 条`);
  await expect(page.getByTestId('project-table').getByRole('row', { name: new RegExp(published.title) })).toBeVisible();
  await expect(page.getByTestId('project-table')).not.toContainText(hidden.title);

  await page.getByRole('button', { name: /退出登录/ }).click();
  const evaluator = await createUser(request, admin, { role: 'evaluator' });
  await login(page, evaluator.username, evaluator.password);
  await expectHome(page, 'published');
  await expect(page.getByTestId('home-evaluator-note')).toContainText('评估任务将在此显示');
  await expectTile(page, 'landedThisYear', landed);
  await screenshot(page, 'home-evaluator');
});
