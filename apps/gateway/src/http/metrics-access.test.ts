import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

/** A scrape as it reaches the gateway: from a peer on this host, relayed (or not) by a proxy. */
async function scrape(stack: TestStack, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(`${stack.gateway.url}/metrics`, { headers });
  return { status: response.status, body: await response.text() };
}

describe('/metrics without METRICS_TOKEN, behind a trusted proxy', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => stack?.close());

  it('answers a scraper on the private network', async () => {
    const answer = await scrape(stack, { 'x-forwarded-for': '10.1.2.3' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/gateway_http_requests_total/);
  });

  it('refuses a request the proxy relayed from the internet', async () => {
    const answer = await scrape(stack, { 'x-forwarded-for': '203.0.113.7' });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'METRICS_FORBIDDEN' });
    // Only the hop the proxy appended counts: a private address written in front of it is the client's own.
    expect((await scrape(stack, { 'x-forwarded-for': '10.0.0.1, 203.0.113.7' })).status).toBe(403);
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let stack: TestStack;
  const token = 'metrics-token-0123456789';
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env: { METRICS_TOKEN: token } });
  });
  afterAll(() => stack?.close());

  it('needs the token as a Bearer, even from this host', async () => {
    expect((await scrape(stack)).status).toBe(401);
    const wrong = await scrape(stack, { authorization: 'Bearer metrics-token-000000000' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: 'METRICS_UNAUTHORIZED' });
    const right = await scrape(stack, { authorization: `Bearer ${token}` });
    expect(right.status).toBe(200);
    expect(right.body).toMatch(/process_cpu_user_seconds_total/);
  });
});

describe('/metrics without METRICS_TOKEN, behind a proxy nobody configured', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // nginx or Caddy on this host in front of the gateway, TRUST_PROXY / TRUSTED_PROXIES left unset:
    // every request arrives from 127.0.0.1, internet ones included.
    stack = await startTestStack({ engine: false });
  });
  afterAll(() => stack?.close());

  it('refuses a request the proxy relayed: its loopback peer says nothing about the client', async () => {
    for (const headers of [{ 'x-forwarded-for': '203.0.113.7' }, { forwarded: 'for=203.0.113.7' }, { 'x-real-ip': '203.0.113.7' }] as Record<string, string>[]) {
      const answer = await scrape(stack, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: 'METRICS_FORBIDDEN', message: expect.stringMatching(/TRUSTED_PROXIES/) });
    }
  });

  it('still answers a scraper on this host that connects directly', async () => {
    expect((await scrape(stack)).status).toBe(200);
  });
});
