import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startGateway } from '../server.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// Every request and every upgrade gets an answer or a closed socket; nothing may pin the gateway.
let upstream: Server;
let stack: TestStack;
beforeAll(async () => {
  // A stand-in web app whose websocket stays open until the other side goes away.
  upstream = createServer((_req, res) => res.end('page'));
  new WebSocketServer({ server: upstream }).on('connection', (socket) => socket.send('hello'));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  stack = await startTestStack({ engine: false, env: { WEB_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` } });
});
afterAll(async () => {
  await stack?.close();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

/** Sends raw bytes and resolves with what came back once the server closed the socket. */
function rawExchange(port: number, request: string, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1', () => socket.write(request));
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and still open after ${timeoutMs} ms; got: ${JSON.stringify(received)}`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      received += chunk.toString();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

const upgradeRequest = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: gw\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

describe('requests nobody handles', () => {
  it.each(['/socket.io', '/socket.io?x=1'])('plain HTTP to %s is answered 404 JSON', async (path) => {
    const response = await fetch(`${stack.gateway.url}${path}`, { signal: AbortSignal.timeout(3_000) });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NOT_FOUND' });
    const raw = await rawExchange(stack.gateway.port, `GET ${path} HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 404/);
  });

  it.each(['/socket.io', '/socket.io?EIO=4&transport=websocket', '/trpc/auth.me'])('an upgrade to %s is closed, not left open', async (path) => {
    const raw = await rawExchange(stack.gateway.port, upgradeRequest(path));
    expect(raw).not.toMatch(/101 Switching Protocols/);
  });
});

describe('shutdown', () => {
  it('close() completes promptly while a proxied websocket is open', async () => {
    const gateway = await startGateway(stack.env);
    const socket = new WebSocket(`${gateway.url.replace('http', 'ws')}/_next/webpack-hmr`);
    await new Promise<void>((resolve, reject) => {
      socket.once('message', () => resolve());
      socket.once('error', reject);
    });
    const closedByServer = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = Date.now();
    await Promise.race([
      gateway.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('gateway.close() did not finish within 3 s')), 3_000)),
    ]);
    expect(Date.now() - started).toBeLessThan(3_000);
    await closedByServer;
  });
});
