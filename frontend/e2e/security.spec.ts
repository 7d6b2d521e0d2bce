import { expect, test, type Page } from '@playwright/test';
import { ADMIN, login, menu, screenshot } from './helpers';

// The server sends a Content-Security-Policy with every response; the SPA and the offline API
// explorer must work under it. Chromium reports each blocked script, style, image, font or
// request as a `securitypolicyviolation` event (and a console error): both are collected.

/** Starts collecting CSP violations for everything this page loads from now on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(m.text());
  });
  // a string: this file is compiled without the DOM library
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) =>
    console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI));`);
  return violations;
}

test('the SPA renders and navigates under the content security policy', async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto('/login');
  const headers = res?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');

  await login(page, ADMIN.username, ADMIN.password);
  // every page kind: tables, forms, charts (ECharts) and the county map
  for (const [item, url] of [
    ['社会组织', /\/organizations$/],
    ['结对帮扶', /\/pairings$/],
    ['需求对接', /\/needs$/],
    ['项目', /\/projects$/],
    ['公益品牌', /\/brands$/],
    ['社会组织乡村行', /\/campaigns$/],
    ['覆盖情况', /\/coverage$/],
  ] as const) {
    await menu(page).getByRole('menuitem', { name: item, exact: true }).click();
    await expect(page).toHaveURL(url);
    await page.waitForLoadState('networkidle');
  }
  await expect(page.getByTestId('coverage-map')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await screenshot(page, 'csp-coverage');
  expect(violations).toEqual([]);
});

test('the API explorer at /docs renders the operations under the content security policy', async ({ page }) => {
  const violations = await watchCsp(page);
  const res = await page.goto('/docs/');
  expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.locator('.swagger-ui .info .title')).toContainText('zhuxiang', { ignoreCase: true });
  const operations = page.locator('.opblock');
  await expect(operations.first()).toBeVisible({ timeout: 20_000 });
  expect(await operations.count()).toBeGreaterThan(30);
  // an operation opens and shows its parameters and responses
  await page.locator('.opblock-summary-path', { hasText: '/api/v1/counties' }).first().click();
  await expect(page.locator('.opblock.is-open .responses-wrapper').first()).toBeVisible();
  await screenshot(page, 'csp-docs');
  expect(violations).toEqual([]);
});
