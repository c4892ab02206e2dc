import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect as connectTcp, type Socket as TcpSocket } from 'node:net';
import { io as connectSocketIo, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { loadGatewayEnv } from './env.ts';
import { startGateway, type Gateway } from './server.ts';
import { HTTP_SERVER_LIMITS } from './server-limits.ts';
import { loginAs, createGatewayClient } from './testing/gateway-client.ts';
import { TEST_ADMIN } from './testing/test-stack.ts';

// The real gateway on port 0, with its timers shortened (the production ones are 20 s / 60 s) so a
// slow client can be seen cut without waiting for them; MAX_CONNECTIONS small for the same reason.
const LIMITS = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, checkIntervalMs: 200 };
const MAX_CONNECTIONS = 12;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let database: TestDatabase;
let gateway: Gateway;
const rawSockets: TcpSocket[] = [];
const ioSockets: Socket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const env = loadGatewayEnv({
    HOST: '127.0.0.1',
    PORT: '0',
    ENGINE_URL: 'ws://127.0.0.1:9',
    ENGINE_TOKEN: randomBytes(16).toString('hex'),
    DATABASE_URL: database.url,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: TEST_ADMIN.username,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOG_LEVEL: 'silent',
    MAX_CONNECTIONS: String(MAX_CONNECTIONS),
  });
  gateway = await startGateway(env, { httpLimits: LIMITS });
});
afterAll(async () => {
  for (const socket of rawSockets) socket.destroy();
  for (const socket of ioSockets) socket.disconnect();
  await gateway?.close();
  await database?.drop();
});

/** A raw TCP connection to the gateway, and everything it receives until it closes. */
async function rawConnection(): Promise<{ socket: TcpSocket; received: () => string; closed: Promise<void> }> {
  const socket = connectTcp(gateway.port, '127.0.0.1');
  rawSockets.push(socket);
  let data = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (data += chunk));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, received: () => data, closed };
}

/** GET /healthz on a connection of its own (no pooled keep-alive socket left behind). */
function healthz(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: gateway.port, path: '/healthz', agent: false, headers: { connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('slow and abandoned connections', () => {
  it('the production timers are bounded, and the header timer is under the request timer', () => {
    expect(HTTP_SERVER_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(30_000);
    expect(HTTP_SERVER_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(HTTP_SERVER_LIMITS.requestTimeoutMs);
    expect(HTTP_SERVER_LIMITS.checkIntervalMs).toBeLessThanOrEqual(5_000);
  });

  it('a client sending its headers a byte at a time is cut off at the header timeout', async () => {
    const { socket, received, closed } = await rawConnection();
    const startedAt = Date.now();
    const headers = `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'a'.repeat(200)}\r\n\r\n`;
    let sent = 0;
    let isClosed = false;
    void closed.then(() => (isClosed = true));
    // One byte every 100 ms: 20 s for the whole request, and each byte keeps the socket "active".
    while (!isClosed && sent < headers.length) {
      socket.write(headers[sent]!);
      sent += 1;
      await sleep(100);
    }
    await closed;
    const elapsed = Date.now() - startedAt;
    expect(sent).toBeLessThan(headers.length);
    expect(elapsed).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 100);
    expect(elapsed).toBeLessThan(LIMITS.headersTimeoutMs + 1_500);
    expect(received()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a connection opened and never written to is closed too', async () => {
    const { closed } = await rawConnection();
    const startedAt = Date.now();
    await closed;
    expect(Date.now() - startedAt).toBeLessThan(LIMITS.headersTimeoutMs + 1_500);
  });

  it('a normal request is answered, and an idle keep-alive connection outlives both timers', async () => {
    expect(await healthz()).toBe(200);
    const { socket, received } = await rawConnection();
    const ask = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    socket.write(ask);
    await sleep(300);
    expect(received()).toMatch(/^HTTP\/1\.1 200/);
    // A proxy's pooled connection, idle past the header and request timers, is still usable.
    await sleep(LIMITS.requestTimeoutMs + 3 * LIMITS.checkIntervalMs);
    expect(socket.destroyed).toBe(false);
    socket.write(ask);
    await sleep(300);
    expect(received().match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    socket.destroy();
  });

  it('socket.io, long-polling and WebSocket, stays connected past both timers', async () => {
    const client = createGatewayClient(gateway.url);
    await loginAs(client, TEST_ADMIN.username, TEST_ADMIN.password);
    const connectWith = (transport: 'polling' | 'websocket') =>
      new Promise<Socket>((resolve, reject) => {
        const socket = connectSocketIo(gateway.url, { path: '/socket.io', auth: { token: client.state.token }, transports: [transport], reconnection: false });
        ioSockets.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const [polling, websocket] = await Promise.all([connectWith('polling'), connectWith('websocket')]);
    const disconnects: string[] = [];
    for (const socket of [polling, websocket]) socket.on('disconnect', (reason) => disconnects.push(reason));
    // The long-poll GET waits for the 25 s ping the whole time: well past the request timer.
    await sleep(LIMITS.requestTimeoutMs + 3 * LIMITS.checkIntervalMs);
    expect(disconnects).toEqual([]);
    expect([polling.connected, websocket.connected]).toEqual([true, true]);
    expect(polling.io.engine.transport.name).toBe('polling');
    polling.disconnect();
    websocket.disconnect();
  });
});

describe('MAX_CONNECTIONS', () => {
  it('past the cap a new connection is closed unanswered; once one ends, the gateway answers again', async () => {
    // Held open mid-request, as a slow client would (each is cut by the header timer in time).
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => rawConnection()));
    for (const { socket } of held) socket.write('GET /healthz HTTP/1.1\r\n');
    await sleep(100);
    const extra = await rawConnection();
    extra.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await Promise.race([extra.closed, sleep(1_000).then(() => Promise.reject(new Error('the connection past the cap was not closed')))]);
    expect(extra.received()).toBe('');
    for (const { socket } of held) socket.destroy();
    await sleep(100);
    expect(await healthz()).toBe(200);
  });
});
