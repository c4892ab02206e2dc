import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { EngineRouter } from './router-type.ts';
import { TEST_TOKEN, createTestDatabase } from './testing/test-engine.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('main.ts as a child process (how the gateway tests run the engine)', () => {
  it('prints ENGINE_READY, serves tRPC, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: { ...process.env, ENGINE_PORT: '0', ENGINE_TOKEN: TEST_TOKEN, DATABASE_URL: database.url, LOG_LEVEL: 'warn', RECORD_TICKS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let buffer = '';
        const timer = setTimeout(() => reject(new Error(`no ENGINE_READY line; output: ${buffer}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          const match = /^ENGINE_READY (ws:\/\/\S+)$/m.exec(buffer);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`engine exited early (${code}): ${buffer}`)));
      });
      const wsClient = createWSClient({ url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token: TEST_TOKEN } });
      const client = createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] });
      expect((await client.health.ping.query()).lastSeq).toBe(0);
      await wsClient.close();
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('says clearly when its port is taken, and exits 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        env: { ...process.env, ENGINE_PORT: String(port), ENGINE_TOKEN: TEST_TOKEN, DATABASE_URL: database.url, LOG_LEVEL: 'silent', RECORD_TICKS: 'false' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`engine failed to start: port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
