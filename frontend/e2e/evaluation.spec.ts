import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, apiAuth, choose, createOrganization, createUser, login, menu, pick, screenshot, unique, OPEN_DROPDOWN } from './helpers';

type Headers = Record<string, string>;

/** An expert scores every expert indicator of their assignments in `round` and submits, through the API. */
async function scoreAndSubmit(request: APIRequestContext, expert: { username: string; password: string }, round: string, score: number) {
  const auth = await apiAuth(request, expert.username, expert.password);
  const mine = await request.get('/api/v1/me/assignments', { headers: auth });
  expect(mine.status()).toBe(200);
  const { items } = (await mine.json()) as { items: { id: string; round_id: string; status: string }[] };
  for (const a of items.filter((x) => x.round_id === round && x.status === 'assigned')) {
    const sheet = await request.get(`/api/v1/assignments/${a.id}/scores`, { headers: auth });
    const { indicators } = (await sheet.json()) as { indicators: { code: string }[] };
    const put = await request.put(`/api/v1/assignments/${a.id}/scores`, {
      headers: { ...auth, 'If-Match': sheet.headers()['etag'] },
      data: { scores: indicators.map((i) => ({ indicator: i.code, score, comment: score > 90 || score < 60 ? '材料翔实，成效可查' : '' })) },
    });
    expect(put.status(), await put.text()).toBe(200);
    const submit = await request.post(`/api/v1/assignments/${a.id}/transitions`, {
      headers: { ...auth, 'If-Match': put.headers()['etag'] },
      data: { to: 'submitted' },
    });
    expect(submit.status(), await submit.text()).toBe(200);
  }
}

/** Nothing makes the page wider than the screen (a table scrolls inside itself). */
async function fits(page: Page) {
  await expect(async () => {
    const [scroll, client] = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return [root.scrollWidth, root.clientWidth] as const;
    });
    expect(scroll, 'the page scrolls sideways').toBeLessThanOrEqual(client);
  }).toPass({ timeout: 5_000 });
}

async function weight(page: Page, scope: string, label: string, value: string) {
  const field = page.getByTestId(scope).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}

test('evaluation: a framework built, refused for its weights, fixed and activated; a round of listed organizations; experts proposed, scored and ranked with every total explained', async ({
  page,
  request,
}) => {
  // a framework, a round, five experts' sheets and both widths: longer than the default minute
  test.setTimeout(240_000);
  const admin: Headers = await apiAuth(request);
  const orgA = await createOrganization(request, admin, { name: unique('乡村振兴评估甲基金会'), province_code: '510000' });
  const orgB = await createOrganization(request, admin, { name: unique('乡村振兴评估乙基金会'), province_code: '530000' });
  const experts = [
    await createUser(request, admin, { role: 'evaluator' }),
    await createUser(request, admin, { role: 'evaluator' }),
    await createUser(request, admin, { role: 'evaluator' }),
  ];
  const frameworkName = unique('社会组织年度评估');
  const roundName = unique('年度评估');

  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '指标体系' }).click();
  await expect(page).toHaveURL(/\/evaluation\/frameworks$/);
  await page.getByTestId('framework-create').click();
  await expect(page).toHaveURL(/\/evaluation\/frameworks\/new$/);
  await page.getByTestId('framework-name').fill(frameworkName);
  await expect(page.getByTestId('tree-empty')).toBeVisible();

  // 帮扶成效 60: one computed indicator (到位资金, min–max)
  await page.getByTestId('dimension-add').click();
  await page.getByTestId('dimension-0').getByLabel('维度名称').fill('帮扶成效');
  await weight(page, 'dimension-0', '维度权重', '60');
  await page.getByTestId('dimension-0-add-indicator').click();
  await page.getByTestId('indicator-0-0').getByLabel('指标名称').fill('到位资金');
  await weight(page, 'indicator-0-0', '指标权重', '100');
  await choose(page, page.getByTestId('indicator-0-0').getByLabel('指标口径'), '到位资金（元）');
  await expect(page.getByTestId('indicator-0-0')).toContainText('期末前对接的项目的到位资金');

  // 组织建设 30 (the dimensions add up to 90): one expert indicator of weight 90 with a two-band rubric
  await page.getByTestId('dimension-add').click();
  await page.getByTestId('dimension-1').getByLabel('维度名称').fill('组织建设');
  await weight(page, 'dimension-1', '维度权重', '30');
  await page.getByTestId('dimension-1-add-indicator').click();
  const expert = page.getByTestId('indicator-1-0');
  await expect(expert.getByLabel('指标编码')).toHaveValue('D2.1');
  await expert.getByLabel('指标名称').fill('项目质量');
  await weight(page, 'indicator-1-0', '指标权重', '90');
  await expert.getByText('专家评分').click();
  await expect(expert.getByLabel('指标口径')).toHaveCount(0);
  await expert.getByTestId('indicator-1-0-band-0').getByLabel('上限').fill('59');
  await expert.getByTestId('indicator-1-0-band-0').getByLabel('该分档的含义').fill('成效不明显，材料不全');
  await expert.getByTestId('indicator-1-0-add-band').click();
  await expect(expert.getByTestId('indicator-1-0-band-1').getByLabel('下限')).toHaveValue('60');
  await expert.getByTestId('indicator-1-0-band-1').getByLabel('该分档的含义').fill('成效显著，材料翔实');

  // the sums as typed: red where they are off, green at 100
  await expect(page.getByTestId('dimensions-sum')).toHaveText('90（应为 100）');
  await expect(page.getByTestId('dimensions-sum')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('dimension-0-sum')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('dimension-1-sum')).toHaveText('90（应为 100）');
  await screenshot(page, 'evaluation-framework-editor');

  // a draft may be saved half-weighted
  await page.getByTestId('framework-submit').click();
  await expect(page).toHaveURL(/\/evaluation\/frameworks\/[0-9a-f-]{36}$/);
  const frameworkUrl = page.url();
  await expect(page.getByTestId('framework-status')).toHaveText('草稿');
  await expect(page.getByTestId('framework-version').first()).toHaveText('v1');

  // activating it is refused, naming the groups whose weights do not add up
  await page.getByTestId('framework-transition-active').click();
  const errors = page.getByTestId('framework-errors');
  await expect(errors).toContainText('各维度权重之和为 90，应为 100');
  await expect(errors).toContainText('维度 2「组织建设」 › 各指标');
  await expect(errors).toContainText('tree.dimensions[1].indicators');
  await expect(page.getByTestId('node-error-dimensions')).toBeVisible();
  await expect(page.getByTestId('node-error-1-indicators')).toContainText('“组织建设”下各指标权重之和为 90，应为 100');
  await expect(page.getByTestId('framework-status')).toHaveText('草稿');
  await screenshot(page, 'evaluation-framework-weights-error');

  // fixed, then saved and activated in one click
  await weight(page, 'dimension-1', '维度权重', '40');
  await weight(page, 'indicator-1-0', '指标权重', '100');
  await expect(page.getByTestId('node-error-1-indicators')).toHaveCount(0);
  await expect(page.getByTestId('dimensions-sum')).toHaveText('100 ✓');
  await expect(page.getByTestId('dimension-1-sum')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('framework-dirty')).toBeVisible();
  await expect(page.getByTestId('framework-transition-active')).toHaveText('保存并启用');
  await page.getByTestId('framework-transition-active').click();
  await expect(page.getByTestId('framework-status')).toHaveText('已启用');
  await expect(page.getByTestId('framework-readonly')).toBeVisible();
  await expect(page.getByTestId('framework-save')).toHaveCount(0);
  await expect(page.getByTestId('framework-name')).toBeDisabled();
  await expect(page.getByTestId('framework-history').getByTestId('history-item')).toHaveCount(2);

  // 复制为新版本: a v2 draft of the same lineage, listed beside v1
  await page.getByTestId('framework-copy').click();
  await expect(page).not.toHaveURL(frameworkUrl);
  await expect(page.getByTestId('framework-status')).toHaveText('草稿');
  await expect(page.getByTestId('framework-version').first()).toHaveText('v2');
  await expect(page.getByTestId('framework-versions').getByTestId('framework-version-item')).toHaveCount(2);
  await page.getByTestId('framework-versions').getByRole('link', { name: frameworkName }).click();
  await expect(page).toHaveURL(frameworkUrl);
  await screenshot(page, 'evaluation-framework-active');

  // the list: both versions, filtered to the active one
  await page.goto('/evaluation/frameworks?status=active');
  await expect(page.getByTestId('framework-table').getByRole('row', { name: new RegExp(frameworkName) })).toHaveCount(1);

  // 新建评估轮次: the active framework, a name, the two organizations listed
  await menu(page).getByRole('menuitem', { name: '评估轮次' }).click();
  await page.getByTestId('round-create').click();
  const form = page.getByTestId('round-form');
  await page.getByTestId('round-next').click();
  await expect(form).toContainText('请选择已启用的指标体系');
  await choose(page, form.getByLabel('指标体系'), `${frameworkName} v1（组织）`);
  await expect(page.getByTestId('round-framework-summary')).toContainText('帮扶成效 60% · 组织建设 40%');
  await page.getByTestId('round-next').click();
  await page.getByTestId('round-name').fill(roundName);
  await page.getByTestId('round-next').click();
  await expect(form.getByText('有帮扶中结对的组织')).toBeVisible();
  await page.getByTestId('round-filter-listed').click();
  const subjects = form.getByRole('combobox', { name: '选择社会组织' });
  for (const org of [orgA, orgB]) {
    await subjects.fill(org.name);
    await pick(page, org.name);
  }
  await page.keyboard.press('Escape');
  await expect(page.locator(OPEN_DROPDOWN)).toHaveCount(0);
  await page.getByTestId('round-next').click();
  await expect(page.getByTestId('round-summary')).toContainText(orgA.name);
  await screenshot(page, 'evaluation-round-wizard');
  await page.getByTestId('round-submit').click();
  await expect(page).toHaveURL(/\/evaluation\/rounds\/[0-9a-f-]{36}$/);
  const roundUrl = page.url();
  const roundId = roundUrl.split('/').pop() ?? '';
  await expect(page.getByTestId('round-status')).toHaveText('筹备中');
  await expect(page.getByTestId('progress-subjects')).toContainText('2');
  await expect(page.getByTestId('progress-short')).toContainText('2');
  await expect(page.getByTestId('assignment-table')).toContainText('还没有分配专家');

  // 自动分配专家: two experts for each organization
  await page.getByTestId('assignment-propose').click();
  await expect(page.getByTestId('propose-result')).toContainText('新分配 4 项，每个对象都已有 2 名专家');
  const rowA = page.getByTestId('assignment-table').getByRole('row', { name: new RegExp(orgA.name) });
  await expect(rowA.getByTestId('subject-expert-count')).toHaveText('2 / 2');
  await expect(rowA.getByTestId('assignment-item')).toHaveCount(2);
  await expect(page.getByTestId('progress-short')).toContainText('0');

  // 添加专家 who is on it already: the server's 409, as it words it
  const onA = ((await rowA.getByTestId('assignment-item').first().textContent()) ?? '').split('待评分')[0].trim();
  await page.getByTestId('assignment-add').click();
  const assign = page.getByTestId('assign-form');
  await choose(page, assign.getByLabel('评估对象'), orgA.name);
  await choose(page, assign.getByLabel('专家'), onA);
  await page.getByTestId('assign-confirm').click();
  await expect(page.getByTestId('assign-conflict')).toContainText('已被分配过评审该对象');
  await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

  // 开始评分: the figures are snapshotted in the background
  await expect(rowA.getByTestId('assignment-withdraw')).toHaveCount(2); // an expert may be taken off a draft too
  await page.getByTestId('round-transition-scoring').click();
  await expect(page.getByTestId('round-status')).toHaveText('评分中');
  await expect(page.getByTestId('snapshot-at')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('round-resnapshot')).toBeEnabled();
  await expect(page.getByTestId('progress-submitted')).toContainText('已提交 0 / 4');

  // 撤回 with a reason: the organization is short of an expert; closing is refused (409) while sheets wait
  await rowA.getByTestId('assignment-withdraw').first().click();
  await page.getByTestId('reason-form').getByRole('textbox').fill('与该组织存在工作往来，主动申请更换');
  await page.getByTestId('reason-confirm').click();
  await expect(rowA.getByTestId('assignment-status').filter({ hasText: '已撤回' })).toHaveCount(1);
  await expect(rowA.getByTestId('subject-expert-count')).toHaveText('1 / 2');
  await expect(page.getByTestId('progress-short')).toContainText('1');
  await page.getByTestId('round-transition-closed').click();
  await expect(page.getByTestId('round-move-error')).toContainText('还有 3 份评审任务未提交');
  await expect(page.getByTestId('round-status')).toHaveText('评分中');

  // proposed again: the third expert fills the gap
  await page.getByTestId('assignment-propose').click();
  await expect(page.getByTestId('propose-result')).toContainText('新分配 1 项');
  await expect(rowA.getByTestId('subject-expert-count')).toHaveText('2 / 2');
  await expect(page.getByTestId('progress-short')).toContainText('0');
  await page.getByTestId('assignment-filter').getByText('未提交').click();
  await expect(page.getByTestId('assignment-table').getByTestId('assignment-item')).toHaveCount(4);
  await screenshot(page, 'evaluation-round-scoring');

  // the experts score (one generously, with a comment) and submit; then nobody is waiting
  await scoreAndSubmit(request, experts[0], roundId, 95);
  await scoreAndSubmit(request, experts[1], roundId, 70);
  await scoreAndSubmit(request, experts[2], roundId, 80);
  await page.reload();
  await expect(page.getByTestId('progress-submitted')).toContainText('已提交 4 / 4');
  await page.getByTestId('assignment-filter').getByText('未提交').click();
  await expect(page.getByTestId('assignment-table')).toContainText('所有专家都已提交评分');

  // 结束评分: the ranking, with each dimension and the export
  await page.getByTestId('round-transition-closed').click();
  await expect(page.getByTestId('round-status')).toHaveText('已结束');
  await page.getByRole('tab', { name: '评估结果' }).click();
  const ranking = page.getByTestId('result-table');
  await expect(ranking.getByRole('row', { name: new RegExp(orgA.name) })).toBeVisible();
  await expect(ranking.getByRole('row', { name: new RegExp(orgB.name) })).toBeVisible();
  await expect(ranking.getByRole('columnheader', { name: '帮扶成效' })).toBeVisible();
  await expect(ranking.getByRole('columnheader', { name: '组织建设' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('result-export-xlsx').click();
  expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  await screenshot(page, 'evaluation-results');

  // a subject's result: the total is the dimensions' points, each dimension its indicators' points
  await ranking.getByRole('row', { name: new RegExp(orgA.name) }).click();
  await expect(page).toHaveURL(new RegExp(`/evaluation/rounds/${roundId}/results/`));
  await expect(page.getByTestId('result-total-formula')).toContainText(/帮扶成效 [\d.]+ \+ 组织建设 [\d.]+ = [\d.]+/);
  await expect(page.getByTestId('result-dimension-0').getByTestId('basis-computed')).toContainText('到位资金');
  await expect(page.getByTestId('result-dimension-0').getByTestId('basis-computed')).toContainText('最小–最大归一');
  const expertBasis = page.getByTestId('result-dimension-1').getByTestId('basis-expert');
  await expect(expertBasis).toContainText('平均');
  await expect(expertBasis).toContainText(/\(\d+ \+ \d+\) ÷ 2 = [\d.]+/);
  await expect(page.getByTestId('result-dimension-1').getByTestId('dimension-points')).toContainText('× 40 ÷ 100 =');
  await expect(page.getByTestId('result-chart').locator('canvas')).toBeVisible();
  await screenshot(page, 'evaluation-result');

  // on a phone: the result and the editor fit the screen
  await page.setViewportSize({ width: 390, height: 844 });
  await fits(page);
  await screenshot(page, 'evaluation-result-390');
  await page.goto(frameworkUrl);
  await expect(page.getByTestId('framework-status')).toHaveText('已启用');
  await fits(page);
  await screenshot(page, 'evaluation-framework-390');
  await page.goto(roundUrl);
  await expect(page.getByTestId('round-status')).toHaveText('已结束');
  await fits(page);
  await screenshot(page, 'evaluation-round-390');
  await page.setViewportSize({ width: 1366, height: 900 });

  // 发布
  await page.getByTestId('round-transition-published').click();
  await expect(page.getByTestId('round-status')).toHaveText('已发布');
});

test('a framework saved over someone else’s change: the 412 keeps what was typed, the latest version fills the rest', async ({ page, request }) => {
  const admin: Headers = await apiAuth(request);
  const created = await request.post('/api/v1/indicator-frameworks', {
    headers: admin,
    data: {
      name: unique('品牌评估'),
      subject_type: 'brand',
      tree: { dimensions: [{ code: 'D1', name: '成效', weight: 100, indicators: [{ code: 'D1.1', name: '到位资金', weight: 100, method: 'computed', metric: 'funds_in_place' }] }] },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const framework = (await created.json()) as { id: string; name: string };
  const mine = `${framework.name}（修订）`;

  await login(page, ADMIN.username, ADMIN.password);
  await page.goto(`/evaluation/frameworks/${framework.id}`);
  await expect(page.getByTestId('framework-status')).toHaveText('草稿');
  await page.getByTestId('framework-name').fill(mine);

  // someone else saves the description meanwhile
  const read = await request.get(`/api/v1/indicator-frameworks/${framework.id}`, { headers: admin });
  const other = await request.patch(`/api/v1/indicator-frameworks/${framework.id}`, {
    headers: { ...admin, 'If-Match': read.headers()['etag'], 'Content-Type': 'application/merge-patch+json' },
    data: { description: '按 2025 年度方案修订' },
  });
  expect(other.status(), await other.text()).toBe(200);

  await page.getByTestId('framework-save').click();
  await expect(page.getByTestId('framework-conflict')).toContainText('已被他人修改');
  await expect(page.getByTestId('framework-name')).toHaveValue(mine);
  await page.getByTestId('framework-reload').click();
  await expect(page.getByTestId('framework-form').getByLabel('说明')).toHaveValue('按 2025 年度方案修订');
  await expect(page.getByTestId('framework-name')).toHaveValue(mine);
  await page.getByTestId('framework-save').click();
  await expect(page.getByTestId('framework-conflict')).toHaveCount(0);
  await expect(page.getByTestId('framework-dirty')).toHaveCount(0);
  const saved = (await (await request.get(`/api/v1/indicator-frameworks/${framework.id}`, { headers: admin })).json()) as { name: string; description: string };
  expect(saved).toMatchObject({ name: mine, description: '按 2025 年度方案修订' });
});
