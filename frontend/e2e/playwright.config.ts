import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Runs the built SPA (npm run build) served by the real backend on a fresh SQLite file.
const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const port = Number(process.env.E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${port}`;
// The config is loaded by every worker too; only the main process starts the server, so the
// database directory made here by a worker is simply unused.
const dbDir = process.env.ZHUXIANG_E2E_DB_DIR ?? mkdtempSync(join(tmpdir(), 'zhuxiang-e2e-'));
process.env.ZHUXIANG_E2E_DB_DIR = dbDir;

export const ADMIN_PASSWORD = 'Admin-e2e-Passw0rd!';

export default defineConfig({
  testDir: '.',
  outputDir: resolve(frontend, 'test-results/artifacts'),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: resolve(frontend, 'playwright-report'), open: 'never' }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    trace: 'retain-on-failure',
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
  webServer: {
    command: `${process.env.ZHUXIANG_BIN ?? resolve(frontend, '../target/debug/zhuxiang')} serve`,
    cwd: frontend,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    // the server's JSON request log is noisy; E2E_SERVER_LOG=1 shows it
    stdout: process.env.E2E_SERVER_LOG ? 'pipe' : 'ignore',
    stderr: process.env.E2E_SERVER_LOG ? 'pipe' : 'ignore',
    env: {
      DATABASE_URL: `sqlite://${join(dbDir, 'e2e.db')}`,
      BIND_ADDR: `127.0.0.1:${port}`,
      JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123',
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      STATIC_DIR: resolve(frontend, 'dist'),
      LOG_FORMAT: 'json',
      // webhooks.spec.ts's receiver listens on loopback, which production refuses
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // every spec's browser calls from 127.0.0.1 at once; the API suite tests the limits
      RATE_LIMIT_ADDRESS: '100000',
    },
  },
});
