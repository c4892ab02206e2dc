/**
 * `npm run test:at -- <instant> [unit|e2e]`: the suite as if it ran at another time — an expiry
 * Tuesday after 15:30 IST, across midnight IST, a Saturday. CI runs whenever a change lands, so a
 * test that depends on the hour fails some day at random (the daily Zerodha logout at 16:00 IST once
 * did). Every process (tests, engine, gateway, web, chromium) and a throwaway PostgreSQL run under
 * libfaketime with one constant offset, so clocks advance normally and agree with each other.
 *
 *   npm run test:at -- 2026-12-08T15:35+05:30 unit
 *
 * Needs Debian's `faketime` (apt-get install faketime). Redis keeps the real clock (it only times
 * rate windows and expiries, which the offset does not change), and so does chromium: under
 * libfaketime its page loads hang, so the browser runs through a wrapper that drops the preload —
 * what the page shows of the browser's own clock is then today's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const [instant, only] = process.argv.slice(2);
const target = instant ? Date.parse(instant) : Number.NaN;
if (Number.isNaN(target) || (only !== undefined && only !== 'unit' && only !== 'e2e')) {
  process.stderr.write('usage: npm run test:at -- <ISO instant, e.g. 2026-12-08T15:35+05:30> [unit|e2e]\n');
  process.exit(2);
}
if (spawnSync('faketime', ['-f', '+0', 'true']).status !== 0) {
  process.stderr.write('test:at needs libfaketime: apt-get install faketime\n');
  process.exit(2);
}

const offsetSeconds = Math.round((target - Date.now()) / 1000);
/** A node script under the faked clock. Monotonic clocks stay real: timers and timeouts must not jump. */
const underFakeTime = (args: string[], options: { env?: NodeJS.ProcessEnv; stdout: 'pipe' | 'inherit'; detached?: boolean }) =>
  spawn('faketime', ['-f', `${offsetSeconds >= 0 ? '+' : ''}${offsetSeconds}`, process.execPath, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...options.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' },
    stdio: ['ignore', options.stdout, 'inherit'],
    detached: options.detached ?? false,
  });

// Its own process group: `faketime` runs node as a child and does not pass signals on.
const postgres = underFakeTime(['scripts/lib/throwaway-postgres-main.ts'], { stdout: 'pipe', detached: true });
let dataDirectory: string | null = null;
const url = await new Promise<string>((resolve, reject) => {
  createInterface({ input: postgres.stdout! }).on('line', (line) => {
    if (line.startsWith('DIR ')) dataDirectory = line.slice(4);
    if (line.startsWith('URL ')) resolve(line.slice(4));
  });
  postgres.once('exit', (code) => reject(new Error(`the throwaway PostgreSQL exited (${code})`)));
});
process.stdout.write(`[test:at] ${new Date(target).toISOString()} (offset ${offsetSeconds} s), PostgreSQL on the same clock\n`);

/** Chromium without libfaketime (see above), for Playwright through CHROMIUM_PATH. */
async function realTimeChromium(directory: string): Promise<string> {
  const wrapper = path.join(directory, 'chromium');
  const chromium = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  await writeFile(wrapper, `#!/bin/sh\nunset LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC\nexec "${chromium}" "$@"\n`, { mode: 0o755 });
  return wrapper;
}

const scratch = await mkdtemp(path.join(tmpdir(), 'strikedesk-test-at-'));
const tests = underFakeTime(['scripts/test.ts', ...(only ? [only] : [])], { env: { DATABASE_URL: url, CHROMIUM_PATH: await realTimeChromium(scratch) }, stdout: 'inherit' });
const code = await new Promise<number>((resolve) => tests.once('exit', (exitCode) => resolve(exitCode ?? 1)));
// The whole group: the server's processes shut down on SIGTERM as well. Its last files may still be
// written meanwhile, hence the retries.
if (postgres.pid !== undefined) process.kill(-postgres.pid, 'SIGTERM');
await delay(2_000);
for (const directory of [scratch, dataDirectory]) if (directory) await rm(directory, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
process.exit(code);
