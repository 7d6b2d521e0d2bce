import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the built SPA (npm run build) served by the real backend, one server with its own fresh
// SQLite file per worker: two workers took the run from 635 s to 380 s on 2 cores (Chromium keeps
// one worker's cores 80-85 % busy, so not half), and no spec sees another's data at the same time
// (coverage and home count what exists, so they need a server to themselves).
const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const workers = Number(process.env.E2E_WORKERS ?? 2);
const firstPort = Number(process.env.E2E_PORT ?? 18080);
const addressOf = (slot: number) => `127.0.0.1:${firstPort + slot}`;
const urlOf = (slot: number) => `http://${addressOf(slot)}`;
// The config is loaded by every worker too, with TEST_PARALLEL_INDEX set to its slot (0 ..
// workers - 1; two workers running at once never share one): that slot picks its server. Only
// the main process starts the servers, so the database directory made here by a worker is unused.
const baseURL = urlOf(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
const dbDir = process.env.ZHUXIANG_E2E_DB_DIR ?? mkdtempSync(join(tmpdir(), 'zhuxiang-e2e-'));
process.env.ZHUXIANG_E2E_DB_DIR = dbDir;

export const ADMIN_PASSWORD = 'Admin-e2e-Passw0rd!';

export default defineConfig({
  testDir: '.',
  outputDir: resolve(frontend, 'test-results/artifacts'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: resolve(frontend, 'playwright-report'), open: 'never' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    // a failed test keeps its trace (DOM snapshots, network, console) without the screencast: its
    // frames are encoded all through every test, for traces a passing test throws away, on 2
    // cores that the run keeps busy
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: Array.from({ length: workers }, (_, slot) => ({
    command: `${process.env.ZHUXIANG_BIN ?? resolve(frontend, '../target/debug/zhuxiang')} serve`,
    cwd: frontend,
    url: `${urlOf(slot)}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // the server's JSON request log is noisy; E2E_SERVER_LOG=1 shows it
    stdout: process.env.E2E_SERVER_LOG ? ('pipe' as const) : ('ignore' as const),
    stderr: process.env.E2E_SERVER_LOG ? ('pipe' as const) : ('ignore' as const),
    env: {
      DATABASE_URL: `sqlite://${join(dbDir, `e2e-${slot}.db`)}`,
      BIND_ADDR: addressOf(slot),
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      STATIC_DIR: resolve(frontend, 'dist'),
      LOG_FORMAT: 'json',
      // webhooks.spec.ts's receiver listens on loopback, which production refuses
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // every spec's browser calls from 127.0.0.1 at once; the API suite tests the limits
      RATE_LIMIT_ADDRESS: '100000',
    },
  })),
});
