import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { E2E_ADMIN_PASSWORD, E2E_ADMIN_USERNAME } from './e2e/support/constants.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env['E2E_PORT'] ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

const serverEnv: Record<string, string> = {
  PORT: String(port),
  WEB_PORT: String(port + 1),
  ENGINE_PORT: String(port + 1001),
  ADMIN_USERNAME: E2E_ADMIN_USERNAME,
  ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
  // Scratch data (embedded PostgreSQL when no DATABASE_URL); the test runner passes its own.
  DATA_DIR: process.env['E2E_DATA_DIR'] ?? path.join(repoRoot, 'test-results/e2e-data'),
  SIM_SEED: '7',
  MARKET_ALWAYS_OPEN: 'true',
  // The daily Zerodha logout (16:00 IST) fell inside a CI run and ended the session a spec had just
  // connected; the schedule has its own tests (broker-routing.test.ts), the browser journeys must not
  // depend on the hour they run at.
  BROKER_DAILY_LOGOUT_IST: 'off',
  NEXT_TELEMETRY_DISABLED: '1',
};
if (process.env['DATABASE_URL']) serverEnv['DATABASE_URL'] = process.env['DATABASE_URL'];

export default defineConfig({
  testDir: './e2e',
  // One shared stack on a 2-core machine: serial is faster and keeps the simulated market calm.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env['CI']),
  outputDir: path.join(repoRoot, 'test-results/e2e-artifacts'),
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, 'test-results/e2e-results.json') }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: serverEnv,
    stdout: 'pipe',
    stderr: 'pipe',
    // start.ts stops the gateway, web, engine and database in order on SIGTERM.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
