import { expect, test, type Locator, type Page } from '@playwright/test';
import { apiAuth, createUser, login, logout, menu, pick, screenshot } from './helpers';

/** The antd select labelled `label`, in the list's filter bar. */
function filter(page: Page, label: string): Locator {
  return page.locator('.ant-select').filter({ has: page.getByLabel(label, { exact: true }) });
}

async function clear(select: Locator) {
  await select.hover();
  await select.locator('.ant-select-clear').click();
}

test('lists and coverage open on the user’s own area, remember the last filters, and keep named filters', async ({ page, request }) => {
  const admin = await apiAuth(request);
  const officer = await createUser(request, admin, { role: 'provincial_officer', province_code: '510000' });
  const county = await createUser(request, admin, { role: 'county_officer', county_code: '513431' });

  // a province's officer: 项目 opens on 四川, shown in the province filter
  await login(page, officer.username, officer.password);
  await menu(page).getByRole('menuitem', { name: '项目' }).click();
  await expect(page).toHaveURL(/\/projects\?province=510000$/);
  await expect(filter(page, '省份')).toContainText('四川省');
  await screenshot(page, 'projects-default-scope');

  // widened to the whole country, and still wide on the next visit
  await clear(filter(page, '省份'));
  await expect(page).toHaveURL(/\/projects$/);
  await menu(page).getByRole('menuitem', { name: '结对帮扶' }).click();
  await expect(page).toHaveURL(/\/pairings\?province=510000$/);
  await menu(page).getByRole('menuitem', { name: '项目' }).click();
  await expect(page).toHaveURL(/\/projects$/);

  // a set of filters kept under a name, applied again from anywhere
  await page.getByTestId('project-filter-status').click();
  await pick(page, '对接中');
  await expect(page).toHaveURL(/\/projects\?status=docking$/);
  await page.getByTestId('saved-filters-save').click();
  await page.getByRole('dialog').getByLabel('名称').fill('全国对接中');
  await page.getByTestId('saved-filters-ok').click();
  await expect(page.getByTestId('saved-filters-select')).toContainText('全国对接中');
  await clear(filter(page, '状态'));
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByTestId('saved-filters-select').click();
  await pick(page, '全国对接中');
  await expect(page).toHaveURL(/\/projects\?status=docking$/);
  // the last filters survive a reload of the app from its start page
  await page.goto('/');
  await menu(page).getByRole('menuitem', { name: '项目' }).click();
  await expect(page).toHaveURL(/\/projects\?status=docking$/);
  await expect(page.getByTestId('saved-filters-select')).toContainText('全国对接中');
  await page.getByTestId('saved-filters-delete').click();
  await expect(page.getByTestId('saved-filters-save')).toBeVisible();
  await logout(page);

  // a county's officer: needs open on the county
  await login(page, county.username, county.password);
  await menu(page).getByRole('menuitem', { name: '需求对接' }).click();
  await expect(page).toHaveURL(/\/needs\?county=513431$/);
  await expect(page.getByTestId('county-picker')).toContainText('昭觉县');
  // and coverage, which has no county filter, on the county's province
  await menu(page).getByRole('menuitem', { name: '覆盖情况' }).click();
  await expect(page).toHaveURL(/\/coverage\?province=510000$/);
  await expect(page.getByTestId('coverage-province')).toContainText('四川省');
});
