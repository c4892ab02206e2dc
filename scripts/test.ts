/**
 * `npm test`: the whole suite — vitest (unit + integration against real PostgreSQL, and Redis when
 * REDIS_URL is set) then Playwright end-to-end in Debian's chromium against the real processes.
 * Ends with one line `N passed, N failed` and a non-zero exit on any failure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCounts, playwrightCounts, vitestCounts, vitestFailures, type Counts } from './lib/test-summary.ts';
import { createScratchDatabase, resolveTestDatabaseServer } from './lib/test-database-server.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const resultsDir = path.join(root, 'test-results');
const only = process.argv[2]; // optional: "unit" or "e2e"

function say(line: string): void {
  process.stdout.write(`[test] ${line}\n`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  await rm(resultsDir, { recursive: true, force: true });
  await mkdir(resultsDir, { recursive: true });
  const server = await resolveTestDatabaseServer(process.env['DATABASE_URL'], say);
  const env = { ...process.env, DATABASE_URL: server.url, NEXT_TELEMETRY_DISABLED: '1' };
  let total: Counts = { passed: 0, failed: 0, skipped: 0 };
  let runnerFailed = false;
  try {
    if (only !== 'e2e') {
      const vitestJson = path.join(resultsDir, 'vitest.json');
      const code = await run(
        process.execPath,
        [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
        env,
      );
      const counts = vitestCounts(vitestJson);
      if (!counts) say('vitest wrote no report');
      if (code !== 0 || !counts) runnerFailed = true;
      if (counts) total = addCounts(total, counts);

      // Load tests alone, after the rest (see vitest.config.ts).
      const loadJson = path.join(resultsDir, 'vitest-load.json');
      const loadCode = await run(
        process.execPath,
        [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${loadJson}`],
        { ...env, STRIKEDESK_LOAD_TESTS: '1' },
      );
      const loadCounts = vitestCounts(loadJson);
      if (!loadCounts) say('vitest (load tests) wrote no report');
      if (loadCode !== 0 || !loadCounts) runnerFailed = true;
      if (loadCounts) total = addCounts(total, loadCounts);
    }
    if (only !== 'unit') {
      const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
      if (!existsSync(chromium)) {
        say(`no chromium at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
        runnerFailed = true;
      } else {
        const e2eDatabase = await createScratchDatabase(server.url, 'sd_e2e');
        try {
          const code = await run(
            process.execPath,
            [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--config', 'apps/web/playwright.config.ts'],
            { ...env, DATABASE_URL: e2eDatabase.url, E2E_DATA_DIR: path.join(resultsDir, 'e2e-data') },
          );
          const counts = playwrightCounts(path.join(resultsDir, 'e2e-results.json'));
          if (!counts) say('playwright wrote no report');
          if (code !== 0 || !counts) runnerFailed = true;
          if (counts) total = addCounts(total, counts);
        } finally {
          await e2eDatabase.drop();
        }
      }
    }
  } finally {
    await server.stop();
  }
  const failures = ['vitest.json', 'vitest-load.json'].flatMap((name) => vitestFailures(path.join(resultsDir, name), root));
  for (const failure of failures) say(`FAILED ${failure}`);
  const failed = total.failed + (runnerFailed && total.failed === 0 ? 1 : 0);
  const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : '';
  process.stdout.write(`${total.passed} passed, ${failed} failed${skipped}\n`);
  return failed > 0 || total.passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.stdout.write('0 passed, 1 failed\n');
    process.exit(1);
  },
);
