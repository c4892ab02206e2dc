import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// The gateway's own test kit: a typed tRPC client with a cookie jar and market helpers.
import { createGatewayClient, loginAs } from '../apps/gateway/src/testing/gateway-client.ts';
import { pickTradableOption, restingBuy } from '../apps/gateway/src/testing/market-fixtures.ts';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

type Launch = { child: ChildProcess; output: () => string; ready: Promise<string>; exited: Promise<number | null> };

/** `npm start` exactly as a user runs it: the launcher with no DATABASE_URL, so the embedded default. */
function launch(env: Record<string, string>): Launch {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STRIKEDESK_READY (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, output: () => output, ready, exited };
}

async function stop(launched: Launch): Promise<number | null> {
  launched.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 45_000));
  const result = await Promise.race([launched.exited, timeout]);
  if (result === 'timeout') {
    launched.child.kill('SIGKILL');
    throw new Error(`npm start did not stop within 45 s after SIGINT:\n${launched.output()}`);
  }
  return result;
}

describe('npm start on the embedded default', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('comes up from an empty data directory, serves the login page, and a second start reuses the data', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'sd-start-'));
    await chmod(scratch, 0o755); // the embedded server runs as another user when we are root
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    const env = {
      DATA_DIR: path.join(scratch, 'data'),
      PORT: String(await freePort()),
      WEB_PORT: String(await freePort()),
      ENGINE_PORT: String(await freePort()),
    };

    const first = launch(env);
    cleanups.push(async () => first.child.exitCode === null && first.child.kill('SIGKILL'));
    const url = await first.ready;
    expect(url).toBe(`http://127.0.0.1:${env.PORT}`);
    expect(first.output()).toContain('embedded PostgreSQL');

    const page = await fetch(`${url}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/type="password"/);

    const banner = /^\[gateway\]\s+admin \/ (\S+)$/m.exec(first.output());
    expect(banner, 'the first start prints a one-time admin password').not.toBeNull();
    const password = banner![1]!;
    const client = createGatewayClient(url);
    await loginAs(client, 'admin', password);
    const option = await pickTradableOption(client);
    const order = await client.trpc.orders.place.mutate(restingBuy(option));
    expect(order.status).toMatch(/OPEN|SUBMITTED/);
    await client.trpc.watchlist.add.mutate({ instrumentId: option.instrument.id });

    expect(await stop(first)).toBe(0);
    expect(first.output()).toContain('[start] stopped');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    const second = launch(env);
    cleanups.push(async () => second.child.exitCode === null && second.child.kill('SIGKILL'));
    await second.ready;
    expect(second.output()).not.toContain('first start, admin account created');
    expect(second.output()).not.toContain('applied migrations');
    const again = createGatewayClient(url);
    await loginAs(again, 'admin', password);
    const orders = await again.trpc.orders.list.query();
    expect(orders.find((candidate) => candidate.orderId === order.orderId)?.status).toBe('OPEN');
    expect((await again.trpc.watchlist.list.query()).map((instrument) => instrument.id)).toContain(option.instrument.id);
    expect(await stop(second)).toBe(0);
  }, 300_000);
});
