import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// A stand-in for the Next.js app: answers pages with their path and echoes on a websocket.
let upstream: Server;
let stack: TestStack;
beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.writeHead(200, {
      'content-type': 'text/plain',
      'x-forwarded-for-seen': String(req.headers['x-forwarded-for'] ?? ''),
      'x-internals-seen': String([req.headers['x-middleware-subrequest'], req.headers['x-now-route-matches']].filter(Boolean).length),
    });
    res.end(`page ${req.url}`);
  });
  const wss = new WebSocketServer({ server: upstream });
  wss.on('connection', (socket, req) => socket.send(`hello ${req.url}`));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const webUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  stack = await startTestStack({ engine: false, env: { WEB_URL: webUrl } });
});
afterAll(async () => {
  await stack?.close();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

const firstMessage = (url: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('message', (data) => {
      resolve(String(data));
      socket.close();
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed before a message')));
  });

describe('reverse proxy to the web app', () => {
  it('forwards pages with X-Forwarded-For', async () => {
    const response = await fetch(`${stack.gateway.url}/orders?tab=open`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('page /orders?tab=open');
    expect(response.headers.get('x-forwarded-for-seen')).toBe('127.0.0.1');
  });

  it("never forwards Next.js's internal headers (middleware bypass, cache poisoning)", async () => {
    const response = await fetch(`${stack.gateway.url}/orders`, {
      headers: { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware', 'x-now-route-matches': '1=1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-internals-seen')).toBe('0');
  });

  it('forwards websocket upgrades for app paths (e.g. Next dev HMR)', async () => {
    const wsUrl = stack.gateway.url.replace('http', 'ws');
    expect(await firstMessage(`${wsUrl}/_next/webpack-hmr`)).toBe('hello /_next/webpack-hmr');
  });

  it('never forwards the API paths', async () => {
    const wsUrl = stack.gateway.url.replace('http', 'ws');
    await expect(firstMessage(`${wsUrl}/trpc`)).rejects.toThrow();
    // The gateway's own HTTP paths: an upgrade there (carrying an API key, say) is nobody's.
    for (const path of ['/api/v1/orders', '/webhooks/tradingview/x', '/brokers/kite/callback', '/healthz', '/metrics']) {
      await expect(firstMessage(`${wsUrl}${path}`), path).rejects.toThrow();
    }
    const response = await fetch(`${stack.gateway.url}/trpc/system.info`);
    expect(await response.json()).toMatchObject({ result: { data: { engineConnected: expect.any(Boolean) } } });
  });
});
