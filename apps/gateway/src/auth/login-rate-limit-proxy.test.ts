import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// Behind one load balancer (TRUST_PROXY=true) the proxy appends the address it saw to whatever
// X-Forwarded-For the client sent. Only that right-most hop is the client; anything left of it is
// the client's own writing and must not give it a fresh login budget per guess.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false, env: { TRUST_PROXY: 'true' } });
});
afterAll(async () => {
  await stack?.close();
});

/** A login as it reaches the gateway through the proxy: `forwarded` is the X-Forwarded-For the proxy passes on. */
async function loginThroughProxy(username: string, password: string, forwarded: string): Promise<string> {
  const response = await fetch(`${stack.gateway.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { error?: { data?: { appCode?: string } } };
  return body.error?.data?.appCode ?? 'OK';
}

describe('login rate limit behind a trusted proxy', () => {
  it('a forged X-Forwarded-For prefix does not reset the count: the proxy-appended address is limited', async () => {
    await createTestUser(stack.gateway.identity, 'proxied-victim', 'trader');
    const codes: string[] = [];
    for (let guess = 0; guess < 8; guess += 1) {
      codes.push(await loginThroughProxy('proxied-victim', `guess-${guess}`, `198.51.100.${guess}, 203.0.113.7`));
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(5)).toEqual(Array(3).fill('RATE_LIMITED'));
    // Another client behind the same proxy has a budget of its own.
    expect(await loginThroughProxy('proxied-victim', 'guess-x', '203.0.113.8')).toBe('INVALID_CREDENTIALS');
  });
});
