import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  ADMIN,
  apiAuth,
  confirmMove,
  createCampaign,
  createOrganization,
  createPairing,
  createProject,
  createUser,
  login,
  logout,
  menu as mainMenu,
  moveProject,
  screenshot,
  unique,
} from './helpers';

// County staff work in the field, on phones: at 390 × 844 the shell, the menu drawer, the lists,
// the detail pages and the forms fit the screen (nothing scrolls sideways) and their controls can
// be reached.
test.use({ viewport: { width: 390, height: 844 } });

/**
 * Nothing makes the page wider than the screen, once the layout has settled (a table measures its
 * columns after it renders); the message names the elements that stick out.
 */
async function fits(page: Page) {
  await expect(async () => {
    // a function, not a string: the server's Content-Security-Policy blocks eval. The DOM types are
    // spelled out because this file is compiled without the DOM library.
    const [scroll, client, wide] = await page.evaluate(() => {
      type El = { tagName: string; className: unknown; getAttribute(n: string): string | null; getBoundingClientRect(): { right: number } };
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): Iterable<El> } })
        .document;
      const root = doc.documentElement;
      const out = [...doc.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(0, 8)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 2).join('.')}[${e.getAttribute('data-testid') ?? ''}] ${Math.round(e.getBoundingClientRect().right)}`);
      return [root.scrollWidth, root.clientWidth, out] as const;
    });
    expect(scroll, `the page scrolls sideways: ${wide.join(', ')}`).toBeLessThanOrEqual(client);
  }).toPass({ timeout: 5_000 });
}

/** Visible, inside the screen's width once scrolled to, and not covered (a trial click reaches it). */
async function reachable(control: Locator) {
  await expect(control).toBeVisible();
  await control.scrollIntoViewIfNeeded();
  await expect(control).toBeInViewport();
  const box = await control.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390, 'the control is cut off at the side').toBe(true);
  await control.click({ trial: true });
}

/** Opens the menu drawer, follows `item`, and checks that the drawer closed over the new page. */
async function navigate(page: Page, item: string) {
  await reachable(page.getByTestId('menu-button'));
  await page.getByTestId('menu-button').click();
  const menu = mainMenu(page);
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await expect(menu).toBeHidden();
}

async function signedProject(request: APIRequestContext) {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const memberAuth = await apiAuth(request, member.username, member.password);
  const project = await createProject(request, memberAuth, { title: unique('手机端项目'), organizations: [{ organization_id: org.id, role: 'lead' }] });
  await moveProject(request, memberAuth, project.id, 'signed');
  return { admin, org, member, memberAuth, officer, project };
}

test('on a phone: log in, the menu drawer, the project list, a landing declared and confirmed, a progress update', async ({ page, request }) => {
  const { member, officer, project } = await signedProject(request);

  await page.goto('/login');
  await fits(page);
  await reachable(page.getByRole('button', { name: /登\s*录/ }));
  await screenshot(page, 'phone-login');
  await login(page, member.username, member.password);
  await fits(page);
  // the header keeps to one line: the title beside the buttons, not wrapped under them
  const header = page.locator('.ant-layout-header');
  expect((await header.boundingBox())?.height).toBeLessThanOrEqual(64);
  await reachable(page.getByRole('button', { name: '退出登录' }));
  await screenshot(page, 'phone-home');

  // the menu is a drawer that closes once an item is followed
  await page.getByTestId('menu-button').click();
  await expect(mainMenu(page)).toBeVisible();
  await screenshot(page, 'phone-menu');
  await mainMenu(page).getByRole('menuitem', { name: '项目', exact: true }).click();
  await expect(mainMenu(page)).toBeHidden();
  await expect(page).toHaveURL(/\/projects/);
  await expect(page.getByTestId('project-table')).toBeVisible();
  // the lists' table scrolls inside itself (ListTable, branch issue9-tables)
  await fits(page);
  await reachable(page.getByTestId('project-create'));
  await screenshot(page, 'phone-projects');

  // the organization declares landing from the project's page
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByTestId('project-detail')).toBeVisible();
  await fits(page);
  await reachable(page.getByTestId('transition-landed'));
  await screenshot(page, 'phone-project-signed');
  await page.getByTestId('transition-landed').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await reachable(page.getByTestId('transition-confirm'));
  await confirmMove(page);
  await expect(page.getByTestId('landing-message')).toHaveText('已申报落地，待县级确认');
  await fits(page);
  await logout(page);

  // the county confirms it, and reports progress
  await login(page, officer.username, officer.password);
  await page.goto(`/projects/${project.id}`);
  await reachable(page.getByTestId('transition-landed'));
  await page.getByTestId('transition-landed').click();
  await confirmMove(page);
  await expect(page.getByTestId('landing-message')).toHaveText('已落地（县级已确认）');
  await fits(page);

  await reachable(page.getByTestId('update-add'));
  await page.getByTestId('update-add').click();
  const form = page.getByTestId('update-form');
  await expect(form).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390, 'the dialog is wider than the screen').toBe(true);
  await form.getByLabel('日期').fill('2025-06-01');
  await form.getByLabel('日期').press('Enter');
  await form.getByLabel('进展情况').fill('首批物资到位');
  await form.getByLabel('新到位资金').fill('50,000');
  await form.getByLabel('新增受益人数').fill('80');
  await fits(page);
  await screenshot(page, 'phone-update-form');
  const save = dialog.getByRole('button', { name: /保\s*存/ });
  await reachable(save);
  await save.click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('funds-in-place')).toHaveText('50,000.00 元');
  await fits(page);
  await screenshot(page, 'phone-project-detail');

  // the drawer also closes on the way back to a page the menu names
  await navigate(page, '首页');
  await expect(page).toHaveURL(/\/$/);
  await fits(page);
});

test('on a phone: every detail page and form fits the screen', async ({ page, request }) => {
  const { admin, org, member, memberAuth, project } = await signedProject(request);
  const pairing = await createPairing(request, memberAuth, { county_code: '513431', lead_organization_id: org.id });
  const campaign = await createCampaign(request, admin);
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const need = await request.post('/api/v1/needs', {
    headers: await apiAuth(request, officer.username, officer.password),
    data: { county_code: '513431', assistance_type: 'industry', title: unique('花椒产业'), budget_estimate: '300000', priority: 'medium' },
  });
  expect(need.status(), await need.text()).toBe(201);
  const needId = ((await need.json()) as { id: string }).id;
  const brand = await request.post('/api/v1/brands', {
    headers: memberAuth,
    data: { name: unique('手机端品牌'), line: 'development', focus: ['industry'], owner_organization_id: org.id, description: '长期深耕凉山的产业帮扶品牌' },
  });
  expect(brand.status(), await brand.text()).toBe(201);
  const brandId = ((await brand.json()) as { id: string }).id;
  const collection = await request.post('/api/v1/case-collections', { headers: admin, data: { title: unique('案例征集'), year: 2025, deadline: '2099-12-31' } });
  expect(collection.status(), await collection.text()).toBe(201);
  const theCase = await request.post('/api/v1/cases', {
    headers: memberAuth,
    data: { collection_id: ((await collection.json()) as { id: string }).id, title: unique('彝绣合作社'), organization_id: org.id, line: 'development', county_codes: ['513431'], project_ids: [project.id] },
  });
  expect(theCase.status(), await theCase.text()).toBe(201);
  const caseId = ((await theCase.json()) as { id: string }).id;

  const pages: [string, string, string][] = [
    [`/projects/${project.id}`, 'project-detail', 'phone-project'],
    ['/projects/new', 'project-form', 'phone-project-form'],
    [`/pairings/${pairing.id}`, 'pairing-detail', 'phone-pairing'],
    ['/pairings/new', 'pairing-form', 'phone-pairing-form'],
    [`/needs/${needId}`, 'need-detail', 'phone-need'],
    [`/organizations/${org.id}`, 'org-detail', 'phone-organization'],
    [`/campaigns/${campaign.id}`, 'campaign-detail', 'phone-campaign'],
    [`/brands/${brandId}`, 'brand-detail', 'phone-brand'],
    ['/brands/new', 'brand-form', 'phone-brand-form'],
    [`/cases/${caseId}`, 'case-detail', 'phone-case'],
    ['/cases/new', 'case-form', 'phone-case-form'],
    ['/counties/513431', 'county-detail', 'phone-county'],
  ];
  await login(page, member.username, member.password);
  for (const [url, testid, name] of pages) {
    await page.goto(url);
    await expect(page.getByTestId(testid), url).toBeVisible();
    await fits(page);
    await screenshot(page, name);
  }
  await logout(page);

  // the coverage page and its map, as the national admin
  await login(page, ADMIN.username, ADMIN.password);
  await page.goto('/coverage');
  await expect(page.getByTestId('coverage-map')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await fits(page);
  await screenshot(page, 'phone-coverage');
});
