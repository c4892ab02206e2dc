import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TestDatabase } from '@strikedesk/db/testing';
import { createContextFactory } from '../api/context.ts';
import { engineRouter } from '../api/root.ts';
import type { RunningEngine } from '../engine.ts';
import { TEST_TOKEN, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';
import { AUTH_TIMEOUT_CLOSE_CODE, startWsServer, type RunningWsServer } from './ws-server.ts';

let database: TestDatabase;
let engine: RunningEngine;
let server: RunningWsServer;

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database);
  // A second server on the same services, with a short auth timeout so the test need not wait 5 s.
  server = await startWsServer({
    host: '127.0.0.1',
    port: 0,
    router: engineRouter,
    createContext: createContextFactory(engine.services, TEST_TOKEN),
    onError: () => undefined,
    authTimeoutMs: 300,
  });
});
afterAll(async () => {
  await server?.close();
  await engine?.close();
  await database?.drop();
});

async function open(): Promise<{ socket: WebSocket; messages: string[]; closed: Promise<{ code: number; at: number }> }> {
  const socket = new WebSocket(`${server.url}?connectionParams=1`);
  const messages: string[] = [];
  socket.on('message', (data: Buffer) => messages.push(data.toString()));
  const closed = new Promise<{ code: number; at: number }>((resolve) => socket.once('close', (code) => resolve({ code, at: Date.now() })));
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return { socket, messages, closed };
}

const authenticate = (socket: WebSocket): void => socket.send(JSON.stringify({ method: 'connectionParams', data: { token: TEST_TOKEN } }));

async function ping(socket: WebSocket, messages: string[], id: number): Promise<void> {
  socket.send(JSON.stringify({ id, method: 'query', params: { path: 'health.ping', input: undefined } }));
  const deadline = Date.now() + 2_000;
  while (!messages.some((text) => text.includes(`"id":${id}`) && text.includes('"lastSeq"'))) {
    if (Date.now() > deadline) throw new Error('no health.ping answer');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('engine WebSocket server limits', () => {
  it('closes a connection that never sends its connection params', async () => {
    const { closed } = await open();
    const opened = Date.now();
    const { code, at } = await closed;
    expect(code).toBe(AUTH_TIMEOUT_CLOSE_CODE);
    expect(at - opened).toBeGreaterThanOrEqual(250);
    expect(at - opened).toBeLessThan(2_000);
  });

  it('keeps an authenticated connection open past the timeout', async () => {
    const { socket, messages } = await open();
    authenticate(socket);
    await ping(socket, messages, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    await ping(socket, messages, 2);
    socket.close();
  });

  it('refuses a message larger than 1 MiB by closing the connection (1009)', async () => {
    const { socket, messages, closed } = await open();
    authenticate(socket);
    await ping(socket, messages, 1);
    socket.send(JSON.stringify({ id: 2, method: 'query', params: { path: 'health.ping', input: 'x'.repeat(1024 * 1024 + 1) } }));
    expect((await closed).code).toBe(1009);
  });

  it('still accepts an ordinary command-sized message', async () => {
    const { socket, messages } = await open();
    authenticate(socket);
    socket.send(JSON.stringify({ id: 3, method: 'query', params: { path: 'health.ping', input: 'x'.repeat(100_000) } }));
    await ping(socket, messages, 4);
    socket.close();
  });
});
