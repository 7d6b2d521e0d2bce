import { expect, test } from '@playwright/test';
import { ADMIN, apiAuth, createOrganization, createUser, login, logout, menu, unique } from './helpers';

test('every role lands on its own home dashboard (首页) at /, a deep link still goes where it pointed', async ({ page, request }) => {
  const admin = await apiAuth(request);
  // named apart from the pickers' searches of the other specs (乡村振兴测试基金会…)
  const org = await createOrganization(request, admin, { name: unique('首页落地测试促进会') });
  const county = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });

  for (const [user, scope] of [
    [ADMIN, 'national'],
    [county, 'county'],
    [member, 'organization'],
  ] as const) {
    await login(page, user.username, user.password);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId('home')).toHaveAttribute('data-scope', scope);
    await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
    await expect(menu(page).getByRole('menuitem').first()).toHaveText('首页');
    await logout(page);
  }

  // the 昭觉 officer's dashboard names the county; an organization's names the organization
  await login(page, county.username, county.password);
  await expect(page.getByTestId('home-scope')).toContainText('昭觉县');
  await logout(page);

  // signed out, a link to a list asks for the login and then opens the list, not the dashboard
  await page.goto('/needs?county=513431');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('用户名').fill(member.username);
  await page.getByLabel('密码').fill(member.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page).toHaveURL(/\/needs\?county=513431$/);
  await menu(page).getByRole('menuitem', { name: '首页' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('home-scope')).toContainText(org.name);
});
