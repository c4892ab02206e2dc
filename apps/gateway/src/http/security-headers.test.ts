import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN, startTestStack, type TestStack } from '../testing/test-stack.ts';

// A stand-in for the Next.js app that sets no security headers of its own (as ours does not).
let upstream: Server;
let webUrl: string;
beforeAll(async () => {
  upstream = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<html>order ticket ${req.url}</html>`);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  webUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(async () => {
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
});

const login = (stack: TestStack) =>
  fetch(`${stack.gateway.url}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TEST_ADMIN) });

describe('security headers on a desk served over HTTPS (PUBLIC_URL https://)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env: { WEB_URL: webUrl, PUBLIC_URL: 'https://desk.example.test' } });
  });
  afterAll(() => stack?.close());

  it('pages of the web app cannot be framed (clickjacking of the order ticket) and carry HSTS', async () => {
    const page = await fetch(`${stack.gateway.url}/orders`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('strict-transport-security')).toMatch(/^max-age=\d{7,}/);
  });

  it("the gateway's own answers carry them too", async () => {
    for (const path of ['/trpc/system.info', '/api/v1/orders', '/healthz', '/webhooks/tradingview/x']) {
      const response = await fetch(`${stack.gateway.url}${path}`);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('strict-transport-security'), path).not.toBeNull();
    }
  });

  it('the refresh cookie is Secure without COOKIE_SECURE: it never travels over plain http', async () => {
    const response = await login(stack);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('sd_refresh='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\/trpc/);
  });
});

describe('security headers on a plain-http desk (npm start)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env: { WEB_URL: webUrl } });
  });
  afterAll(() => stack?.close());

  it('no HSTS and no Secure cookie: over http the browser would never send it back', async () => {
    const page = await fetch(`${stack.gateway.url}/orders`);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const cookie = (await login(stack)).headers.getSetCookie().find((value) => value.startsWith('sd_refresh='));
    expect(cookie).toBeDefined();
    expect(cookie).not.toMatch(/Secure/);
  });
});
