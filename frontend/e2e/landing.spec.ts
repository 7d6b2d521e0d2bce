import { expect, test } from '@playwright/test';
import { ADMIN, apiAuth, createOrganization, createUser, login, logout } from './helpers';

test('each role lands on its own list, not the national county list', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const org = await createOrganization(request, admin);
  const county = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: org.id });

  await login(page, ADMIN.username, ADMIN.password);
  await expect(page).toHaveURL(/\/coverage$/);
  await logout(page);

  // the 昭觉 officer starts on 昭觉's needs
  await login(page, county.username, county.password);
  await expect(page).toHaveURL(/\/needs\?county=513431$/);
  await logout(page);

  // an organization's staff start on their organization
  await login(page, member.username, member.password);
  await expect(page).toHaveURL(new RegExp(`/organizations/${org.id}$`));
  await expect(page.getByTestId('org-detail')).toContainText(org.name);
});
