import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiAuth, confirmMove, createOrganization, createProject, createUser, login, moveProject, screenshot, unique } from './helpers';

type Headers = Record<string, string>;

/** A project of the organization in 昭觉县, signed and declared landed by its member: it waits for the county. */
async function declaredLanding(request: APIRequestContext, memberAuth: Headers, organizationId: string, title: string) {
  const project = await createProject(request, memberAuth, { title: unique(title), organizations: [{ organization_id: organizationId, role: 'lead' }] });
  await moveProject(request, memberAuth, project.id, 'signed');
  await moveProject(request, memberAuth, project.id, 'landed');
  return project;
}

/** An organization with a member, and a fresh county officer of 昭觉县 (told only of what happens from now on). */
async function people(request: APIRequestContext) {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });
  const officer = await createUser(request, admin, { role: 'county_officer', county_code: '513431', display_name: '昭觉县乡村振兴局' });
  return {
    org,
    officer,
    memberAuth: await apiAuth(request, member.username, member.password),
    officerAuth: await apiAuth(request, officer.username, officer.password),
  };
}

test('the bell tells the county of a declared landing, leads to the project, and empties as the landings are confirmed', async ({ page, request }) => {
  // the second confirmation is seen at the bell's next poll (every 30 s), without a reload
  test.setTimeout(150_000);
  const { org, officer, memberAuth, officerAuth } = await people(request);
  const first = await declaredLanding(request, memberAuth, org.id, '乡村学校图书角');
  const second = await declaredLanding(request, memberAuth, org.id, '村级卫生室');

  await login(page, officer.username, officer.password);
  const count = page.getByTestId('notification-count');
  await expect(count).toHaveText('2');
  await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('通知：2 条未读');

  // the latest first, each a sentence with the project's title
  await page.getByTestId('notification-bell').click();
  const panel = page.getByTestId('notification-panel');
  const items = panel.getByTestId('notification-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('待确认落地');
  await expect(items.nth(0)).toContainText(`项目“${second.title}”已申报落地，请核实后确认`);
  await expect(items.nth(1)).toContainText(first.title);
  await expect(items.nth(0)).toHaveAttribute('data-unread', 'true');
  await screenshot(page, 'notifications-bell');

  // following one opens the project and marks it read
  await items.filter({ hasText: first.title }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${first.id}$`));
  await expect(panel).toBeHidden();
  await expect(count).toHaveText('1');

  // the county confirms the landing there
  await expect(page.getByTestId('landing-message')).toHaveText('已申报落地，待县级确认');
  await page.getByTestId('transition-landed').click();
  await confirmMove(page);
  await expect(page.getByTestId('project-detail').getByTestId('project-status')).toHaveText('已落地');

  // the other landing is confirmed elsewhere (through the API): the server settles its notice,
  // and the bell, asking every 30 s, loses its count without the page being reloaded
  await moveProject(request, officerAuth, second.id, 'landed');
  await expect(count).toHaveCount(0, { timeout: 45_000 });
  await expect(page.getByTestId('notification-bell')).toHaveAccessibleName('通知');
  const mine = await request.get('/api/v1/me/notifications', { headers: officerAuth });
  const page1 = (await mine.json()) as { unread: number; items: { entity_id: string; read_at: string | null }[] };
  expect(page1.unread).toBe(0);
  expect(page1.items.find((n) => n.entity_id === second.id)?.read_at).toBeTruthy();

  // 查看全部 leads to 我的通知: both there, read
  await page.getByTestId('notification-bell').click();
  await panel.getByTestId('notifications-view-all').click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.getByRole('heading', { name: '我的通知' })).toBeVisible();
  const rows = page.getByTestId('notification-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('已读');
  await expect(rows.nth(0).getByTestId('notification-link')).toHaveAttribute('href', `/projects/${second.id}`);
});

test('我的通知: the unread ones, one marked read, then all; on a phone the bell stays in the header', async ({ page, request }) => {
  const { org, officer, memberAuth } = await people(request);
  const projects = [];
  for (const title of ['花椒加工车间', '村小图书角', '卫生室设备']) projects.push(await declaredLanding(request, memberAuth, org.id, title));

  await login(page, officer.username, officer.password);
  await expect(page.getByTestId('notification-count')).toHaveText('3');
  await page.goto('/notifications?unread=true');
  const table = page.getByTestId('notification-table');
  const rows = table.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText(projects[2].title);
  await expect(rows.nth(0)).toContainText('未读');
  await screenshot(page, 'notifications-page');

  // one marked read leaves the unread list, and the bell
  await rows.filter({ hasText: projects[1].title }).getByTestId('notification-mark-read').click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('notification-count')).toHaveText('2');
  await expect(table).not.toContainText(projects[1].title);

  // all of them at once
  await page.getByTestId('notifications-page-read-all').click();
  await expect(table).toContainText('没有未读通知');
  await expect(page.getByTestId('notification-count')).toHaveCount(0);
  await expect(page.getByTestId('notifications-page-read-all')).toBeDisabled();

  // 全部 shows them all, read
  await page.getByTestId('notifications-filter').getByText('全部').click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(rows).toHaveCount(3);
  await expect(table.locator('tbody')).not.toContainText('未读');

  // a phone's header keeps the bell on its one line, and the panel inside the screen
  await page.setViewportSize({ width: 390, height: 844 });
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toBeInViewport();
  expect((await page.locator('.ant-layout-header').boundingBox())?.height).toBeLessThanOrEqual(64);
  await bell.click();
  const panel = page.getByTestId('notification-panel');
  await expect(panel.getByTestId('notification-item')).toHaveCount(3);
  // once it has settled: inside the screen, and the page no wider than it
  await expect(async () => {
    const box = await panel.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390, `the panel is cut off at the side: ${JSON.stringify(box)}`).toBe(true);
    const [scroll, client] = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return [root.scrollWidth, root.clientWidth];
    });
    expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
  }).toPass({ timeout: 5_000 });
  await expect(panel.getByTestId('notifications-read-all')).toBeDisabled();
  await screenshot(page, 'notifications-phone');
});
