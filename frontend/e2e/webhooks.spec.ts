import { expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN, apiAuth, choose, login, menu, screenshot, unique } from './helpers';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local receiver recording each delivery and answering `status`. */
async function receiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/zhuxiang`, received, state, close: () => server.close() };
}

/** The receiver's check, as the README shows it. */
function verified(secret: string, r: Received): boolean {
  const header = String(r.headers['x-zhuxiang-signature'] ?? '');
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${r.body}`).digest('hex');
  return parts.v1 === expected && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

test('subscribe a receiver, see a need delivered signed, pause, enable and send a delivery again', async ({ page, request }) => {
  const hook = await receiver();
  const name = unique('四川省统计系统');
  await login(page, ADMIN.username, ADMIN.password);
  await menu(page).getByRole('menuitem', { name: 'Webhook 订阅' }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByText('每个事件最多尝试 6 次')).toBeVisible();
  await page.getByRole('button', { name: '新建订阅' }).click();

  const form = page.getByTestId('webhook-form');
  await form.getByLabel('名称').fill(name);
  await form.getByLabel('接收地址').fill('ftp://nowhere');
  await form.getByLabel('新增需求（need.created）').check();
  await choose(page, form.getByLabel('角色'), '国家级管理员');
  await page.getByRole('dialog').getByRole('button', { name: /订\s*阅/ }).click();
  await expect(form).toContainText('请填写 http(s):// 开头的完整地址');
  await form.getByLabel('接收地址').fill(hook.url);
  await screenshot(page, 'webhook-form');
  await page.getByRole('dialog').getByRole('button', { name: /订\s*阅/ }).click();

  // the signing secret, shown once
  const dialog = page.getByTestId('webhook-secret-dialog');
  await expect(dialog).toContainText('请立即保存，关闭后无法再次查看');
  const secret = (await dialog.getByTestId('webhook-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^whsec_/);
  await page.getByTestId('webhook-secret-close').click();

  // a county's need reaches the receiver, signed with that secret
  const headers = await apiAuth(request);
  const raise = (title: string) =>
    request.post('/api/v1/needs', { headers, data: { county_code: '513431', assistance_type: 'education', title, priority: 'high' } });
  expect((await raise('乡村学校图书角')).status()).toBe(201);
  await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBe(1);
  expect(verified(secret, hook.received[0])).toBe(true);
  expect(JSON.parse(hook.received[0].body)).toMatchObject({ event: 'need.created', data: { subject: '乡村学校图书角' } });

  const row = page.getByTestId('webhook-table').getByRole('row', { name: new RegExp(name) });
  await row.getByRole('button', { name: '投递记录' }).click();
  const log = page.getByTestId('delivery-table');
  await expect(log.getByRole('row').nth(1)).toContainText('已送达');
  await expect(log.getByRole('row').nth(1)).toContainText('200');
  await screenshot(page, 'webhook-deliveries');
  await page.locator('.ant-drawer-close').click();

  // the receiver fails: the delivery waits for its retry; pausing cancels it
  hook.state.status = 500;
  expect((await raise('卫生室设备')).status()).toBe(201);
  await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBe(2);
  await row.getByRole('button', { name: '投递记录' }).click();
  await expect(log.getByRole('row', { name: /待投递/ })).toContainText('500');
  await expect(log.getByRole('row', { name: /待投递/ })).toContainText('下次尝试');
  await page.locator('.ant-drawer-close').click();
  await row.getByRole('button', { name: '暂停' }).click();
  await expect(row.getByTestId('webhook-status')).toHaveText('已暂停');
  await row.getByRole('button', { name: '投递记录' }).click();
  const failed = log.getByRole('row', { name: /已取消/ });
  await expect(failed).toContainText('500');
  await expect(failed.getByRole('button', { name: '重新投递' })).toBeDisabled();
  await page.locator('.ant-drawer-close').click();

  // enabled again, with the receiver mended, the cancelled delivery is sent again
  hook.state.status = 204;
  await row.getByRole('button', { name: '启用' }).click();
  await expect(row.getByTestId('webhook-status')).toHaveText('启用');
  await row.getByRole('button', { name: '投递记录' }).click();
  await log.getByRole('row', { name: /已取消/ }).getByRole('button', { name: '重新投递' }).click();
  await expect(page.getByText('已重新投递')).toBeVisible();
  await expect(log.getByRole('row', { name: /重新投递.*已送达|已送达.*重新投递/ }).first()).toContainText('204', { timeout: 10_000 });
  expect(hook.received).toHaveLength(3);
  expect(JSON.parse(hook.received[2].body).id).toBe(JSON.parse(hook.received[1].body).id);
  hook.close();
});
