import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN, apiAuth, choose, createOrganization, createUser, login, logout, menu, pick, screenshot, unique } from './helpers';

type Headers = Record<string, string>;

async function json<T>(res: { status(): number; text(): Promise<string>; json(): Promise<unknown> }, status = 200): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/** Moves a resource along its lifecycle with the ETag it has now. */
async function move(request: APIRequestContext, headers: Headers, path: string, to: string, reason?: string) {
  const read = await request.get(path, { headers });
  expect(read.status(), await read.text()).toBe(200);
  const res = await request.post(`${path}/transitions`, { headers: { ...headers, 'If-Match': read.headers()['etag'] }, data: reason ? { to, reason } : { to } });
  expect(res.status(), await res.text()).toBe(200);
}

async function userId(request: APIRequestContext, headers: Headers): Promise<string> {
  return (await json<{ id: string }>(await request.get('/api/v1/me', { headers }))).id;
}

/**
 * An active framework (a computed dimension and an expert one with its rubric) and a round of
 * the listed organizations, one expert each, moved to scoring once its snapshot is done.
 */
async function scoringRound(request: APIRequestContext, admin: Headers, name: string, subjects: string[], experts: string[]) {
  const tree = {
    dimensions: [
      { code: 'impact', name: '帮扶成效', weight: 50, indicators: [{ code: 'funds', name: '到位资金', weight: 100, method: 'computed', metric: 'funds_in_place' }] },
      {
        code: 'practice',
        name: '项目质量',
        weight: 50,
        indicators: [
          {
            code: 'quality',
            name: '项目质量与可持续性',
            weight: 100,
            method: 'expert',
            rubric: [
              { min: 0, max: 59, description: '成效不明显，佐证不足' },
              { min: 60, max: 89, description: '成效较好，佐证基本完整' },
              { min: 90, max: 100, description: '成效突出，可复制推广' },
            ],
          },
        ],
      },
    ],
  };
  const framework = await json<{ id: string }>(
    await request.post('/api/v1/indicator-frameworks', { headers: admin, data: { name: unique('社会组织年度评估指标'), subject_type: 'organization', tree } }),
    201,
  );
  await move(request, admin, `/api/v1/indicator-frameworks/${framework.id}`, 'active');
  const round = await json<{ id: string }>(
    await request.post('/api/v1/evaluation-rounds', {
      headers: admin,
      data: { name, year: 2025, period_start: '2025-01-01', period_end: '2025-12-31', framework_id: framework.id, subject_filter: 'listed', subject_ids: subjects, min_evaluators: 1 },
    }),
    201,
  );
  for (const [i, subject] of subjects.entries()) {
    await json(await request.post(`/api/v1/evaluation-rounds/${round.id}/assignments`, { headers: admin, data: { subject_id: subject, evaluator_id: experts[i] } }), 201);
  }
  await move(request, admin, `/api/v1/evaluation-rounds/${round.id}`, 'scoring');
  // the computed figures are snapshotted in the background; closing waits for them
  await expect
    .poll(async () => (await json<{ snapshot_at?: string | null }>(await request.get(`/api/v1/evaluation-rounds/${round.id}`, { headers: admin }))).snapshot_at ?? null, {
      timeout: 30_000,
    })
    .not.toBeNull();
  return round.id;
}

/** An expert scores their one assignment through the API and submits it. */
async function scoreAndSubmit(request: APIRequestContext, expert: Headers, score: number, comment: string) {
  const mine = await json<{ items: { id: string }[] }>(await request.get('/api/v1/me/assignments', { headers: expert }));
  const id = mine.items[0].id;
  const read = await request.get(`/api/v1/assignments/${id}/scores`, { headers: expert });
  const put = await request.put(`/api/v1/assignments/${id}/scores`, {
    headers: { ...expert, 'If-Match': read.headers()['etag'] },
    data: { scores: [{ indicator: 'quality', score, comment }] },
  });
  expect(put.status(), await put.text()).toBe(200);
  const res = await request.post(`/api/v1/assignments/${id}/transitions`, { headers: { ...expert, 'If-Match': put.headers()['etag'] }, data: { to: 'submitted' } });
  expect(res.status(), await res.text()).toBe(200);
}

async function atWidth(page: Page, width: number, name: string) {
  await page.setViewportSize({ width, height: 900 });
  await screenshot(page, name);
  await page.setViewportSize({ width: 1366, height: 900 });
}

test('an expert declares a tie and scores; the admin publishes, selects both organizations, and the showcase and the organization’s page show it', async ({ page, request }) => {
  // two experts, a round with its snapshot, a selection, four people in the browser and both widths
  test.setTimeout(240_000);
  const admin = await apiAuth(request);
  const orgA = await createOrganization(request, admin, { province_code: '510000', registration_level: 'provincial', name: unique('凉山彝绣互助协会') });
  const orgB = await createOrganization(request, admin, { province_code: '510000', registration_level: 'provincial', name: unique('大凉山助学基金会') });
  const tied = await createOrganization(request, admin, { name: unique('北京乡村发展研究会') });
  const member = await createUser(request, admin, { role: 'org_member', organization_id: orgA.id });
  const expert = await createUser(request, admin, { role: 'evaluator' });
  const other = await createUser(request, admin, { role: 'evaluator' });
  const expertAuth = await apiAuth(request, expert.username, expert.password);
  const otherAuth = await apiAuth(request, other.username, other.password);
  const roundName = unique('2025 年度社会组织评估·');
  const roundId = await scoringRound(request, admin, roundName, [orgA.id, orgB.id], [await userId(request, expertAuth), await userId(request, otherAuth)]);
  // the console stays clean, but for the refusals this story provokes on purpose (422 submitting
  // without a comment, 409 publishing undecided nominations)
  const noise: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (409|422)/.test(m.text())) noise.push(`${page.url()} ${m.text()}`);
  });
  page.on('pageerror', (e) => noise.push(`${page.url()} pageerror: ${e.message}`));

  // ---- the expert, in the browser: declares a tie, then scores ----------------------------------
  await login(page, expert.username, expert.password);
  await menu(page).getByRole('menuitem', { name: '利益冲突申报' }).click();
  await expect(page.getByTestId('ties-form')).toContainText('尚未申报任何关联');
  await page.getByTestId('tie-add').click();
  const row = page.getByTestId('tie-row').first();
  await expect(async () => {
    await row.getByLabel('社会组织').fill(tied.name);
    await pick(page, tied.name);
    await expect(row).toContainText(tied.name, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await choose(page, row.getByLabel('关系'), '顾问');
  await row.getByLabel('说明').fill('2023 年起担任顾问');
  await screenshot(page, 'scoring-ties');
  await page.getByTestId('ties-save').click();
  await expect(page.getByText('利益冲突申报已保存')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('tie-row')).toHaveCount(1);
  await expect(page.getByTestId('tie-row')).toContainText(tied.name);
  await expect(page.getByTestId('tie-row')).toContainText('顾问');
  await expect(page.getByText('已申报 1 项')).toBeVisible();
  await atWidth(page, 390, 'scoring-ties-390');

  await menu(page).getByRole('menuitem', { name: '评审任务' }).click();
  const task = page.getByTestId('assignment-table').getByRole('row', { name: new RegExp(orgA.name) });
  await expect(task.getByTestId('assignment-status')).toHaveText('待评分');
  await expect(task.getByTestId('assignment-progress')).toContainText('0/1');
  await expect(task.getByTestId('round-status')).toHaveText('评分中');
  await screenshot(page, 'scoring-worklist');
  await atWidth(page, 390, 'scoring-worklist-390');
  await task.getByTestId('assignment-subject').click();

  await expect(page).toHaveURL(/\/scoring\/[0-9a-f-]{36}$/);
  const sheetUrl = page.url();
  await expect(page.getByTestId('evidence-card')).toContainText('到位资金');
  await expect(page.getByTestId('evidence-subject-link')).toHaveAttribute('href', `/organizations/${orgA.id}`);
  await expect(page.getByTestId('round-progress')).toContainText('您已提交 0 / 1 项任务');
  const indicator = page.getByTestId('indicator-quality');
  await expect(indicator.getByTestId('rubric')).toContainText('成效突出，可复制推广');
  await indicator.getByTestId('score-input').fill('95');
  // the page says a comment is needed; submitting without one, the server says so beside it
  await expect(indicator.getByTestId('comment-hint')).toBeVisible();
  await page.getByTestId('score-submit').click();
  await expect(indicator.locator('.ant-form-item-explain-error')).toContainText('低于 60 分或高于 90 分须填写评语');
  await expect(page.getByTestId('sheet-status').getByTestId('assignment-status')).toHaveText('待评分');
  // the draft was saved on the way: the score stayed, typed and stored
  await expect(indicator.getByTestId('score-input')).toHaveValue('95');
  await screenshot(page, 'scoring-sheet-comment-required');
  await indicator.getByTestId('comment-input').fill('彝绣订单稳定，带动妇女就近就业，做法可复制推广。');
  await page.getByTestId('score-submit').click();
  await expect(page.getByText('评分已提交')).toBeVisible();
  await expect(page.getByTestId('sheet-status').getByTestId('assignment-status')).toHaveText('已提交');
  await expect(page.getByTestId('round-progress')).toContainText('您已提交 1 / 1 项任务');
  await expect(page.getByTestId('assignment-take-back')).toBeVisible();
  await expect(page.getByTestId('score-changes')).toContainText('提交后尚无修改');
  await screenshot(page, 'scoring-sheet');
  await atWidth(page, 390, 'scoring-sheet-390');
  // after a reload the submission stands
  await page.goto(sheetUrl);
  await expect(page.getByTestId('indicator-quality').getByTestId('score-input')).toHaveValue('95');
  await logout(page);

  // ---- the other expert scores through the API; the admin closes and publishes the round ----------
  await scoreAndSubmit(request, otherAuth, 80, '');
  await move(request, admin, `/api/v1/evaluation-rounds/${roundId}`, 'closed');
  await move(request, admin, `/api/v1/evaluation-rounds/${roundId}`, 'published');

  // ---- a selection informed by the round: both nominated, then reviewed ---------------------------
  const year = 2030 + Math.floor(Math.random() * 70);
  const selection = await json<{ id: string; title: string }>(
    await request.post('/api/v1/selections', { headers: admin, data: { year, kind: 'outstanding_organization', evaluation_round_id: roundId } }),
    201,
  );
  for (const org of [orgA, orgB]) {
    await json(await request.post(`/api/v1/selections/${selection.id}/nominations`, { headers: admin, data: { subject_id: org.id, reason: `${org.name}：结对帮扶成效突出` } }), 201);
  }
  await move(request, admin, `/api/v1/selections/${selection.id}`, 'reviewing');

  // ---- the admin, in the browser: decides both 入选 and publishes ---------------------------------
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: '选树' }).click();
  await page.getByTestId('selection-table').getByRole('link', { name: selection.title }).click();
  await expect(page.getByTestId('selection-status')).toHaveText('评审中');
  await expect(page.getByTestId('selection-round-name')).toContainText(roundName);
  const table = page.getByTestId('nomination-table');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByTestId('nomination-result').first()).toContainText(/第 \d \/ 2 名/);
  // publishing before deciding is refused, saying why
  await page.getByTestId('selection-transition-published').click();
  await page.getByTestId('selection-transition-confirm').click();
  await expect(page.locator('.ant-message')).toContainText('还有 2 个推荐对象未作决定');
  await expect(page.getByTestId('selection-status')).toHaveText('评审中');
  await screenshot(page, 'selection-board');
  for (const org of [orgA, orgB]) {
    await table.getByRole('row', { name: new RegExp(org.name) }).click();
    const panel = page.getByTestId('nominee-panel');
    await expect(panel.getByTestId('nominee-name')).toHaveText(org.name);
    await expect(panel.getByTestId('nominee-link')).toHaveAttribute('href', `/organizations/${org.id}`);
    await panel.getByTestId('nomination-selected').click();
    await page.getByRole('dialog').getByLabel('决定理由').fill('帮扶成效突出，评估排名靠前');
    await page.getByTestId('reason-confirm').click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(table.getByRole('row', { name: new RegExp(org.name) }).getByTestId('nomination-status')).toHaveText('入选');
  }
  await atWidth(page, 390, 'selection-board-390');
  await page.getByTestId('selection-transition-published').click();
  await page.getByTestId('selection-transition-confirm').click();
  await expect(page.getByTestId('selection-status')).toHaveText('已发布');
  await expect(page.getByTestId('selected-list').getByTestId('selected-item')).toHaveCount(2);
  await expect(page.getByTestId('selected-list')).toContainText(orgA.name);
  await expect(page.getByTestId('selected-list')).toContainText(orgB.name);
  await screenshot(page, 'selection-published');
  await logout(page);

  // ---- the public showcase lists them, and the round's top --------------------------------------
  await page.goto('/showcase');
  const honors = page.getByTestId('showcase-honors').getByTestId('showcase-honor-group').filter({ hasText: selection.title });
  await expect(honors.getByTestId('showcase-honor')).toHaveCount(2);
  await expect(honors).toContainText(orgA.name);
  await expect(honors).toContainText(orgB.name);
  const ranking = page.getByTestId('showcase-rankings').getByTestId('showcase-ranking').filter({ hasText: roundName });
  await expect(ranking.getByTestId('showcase-ranking-name')).toHaveCount(2);
  await screenshot(page, 'showcase-honors');
  await atWidth(page, 390, 'showcase-honors-390');

  // ---- the organization's member sees its result and its honor on its page ------------------------
  await login(page, member.username, member.password);
  await page.goto(`/organizations/${orgA.id}`);
  const results = page.getByTestId('evaluation-results');
  await expect(results).toContainText(roundName);
  await expect(results.getByTestId('result-rank')).toHaveText(/第 \d \/ 2 名/);
  await expect(results.getByTestId('result-dimensions')).toContainText('项目质量');
  await expect(page.getByTestId('honors-card').getByTestId('honor')).toHaveText(selection.title);
  await results.scrollIntoViewIfNeeded();
  await screenshot(page, 'organization-results');
  await atWidth(page, 390, 'organization-results-390');
  // another organization's page shows no result card to this member
  await page.goto(`/organizations/${orgB.id}`);
  await expect(page.getByTestId('honors-card')).toBeVisible();
  await expect(page.getByTestId('evaluation-results')).toHaveCount(0);
  expect(noise).toEqual([]);
});
