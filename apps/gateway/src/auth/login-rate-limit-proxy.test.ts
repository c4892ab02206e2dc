import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

/** A login as it reaches the gateway through the proxy: `forwarded` is the X-Forwarded-For the proxy passes on. */
async function loginThroughProxy(stack: TestStack, username: string, password: string, forwarded: string): Promise<string> {
  const response = await fetch(`${stack.gateway.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwarded },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { error?: { data?: { appCode?: string } } };
  return body.error?.data?.appCode ?? 'OK';
}

// Behind one load balancer (TRUST_PROXY=true) the proxy appends the address it saw to whatever
// X-Forwarded-For the client sent. Only that right-most hop is the client; anything left of it is
// the client's own writing and must not give it a fresh login budget per guess.
describe('login rate limit behind a trusted proxy', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => stack?.close());

  it('a forged X-Forwarded-For prefix does not reset the count: the proxy-appended address is limited', async () => {
    await createTestUser(stack.gateway.identity, 'proxied-victim', 'trader');
    const codes: string[] = [];
    for (let guess = 0; guess < 8; guess += 1) {
      codes.push(await loginThroughProxy(stack, 'proxied-victim', `guess-${guess}`, `198.51.100.${guess}, 203.0.113.7`));
    }
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(5)).toEqual(Array(3).fill('RATE_LIMITED'));
    // Another client behind the same proxy has a budget of its own.
    expect(await loginThroughProxy(stack, 'proxied-victim', 'guess-x', '203.0.113.8')).toBe('INVALID_CREDENTIALS');
  });
});

// The proxy is named (TRUSTED_PROXIES, as the webhook's IP allowlist needs) rather than trusted
// blindly (TRUST_PROXY). Logins must then be counted per client behind it, not per proxy: counted
// per proxy, anyone could lock any username out by typing five wrong passwords.
describe('login rate limit behind a proxy named in TRUSTED_PROXIES', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env: { TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(() => stack?.close());

  it("an attacker's wrong guesses do not lock the owner out", async () => {
    await createTestUser(stack.gateway.identity, 'locked-out-trader', 'trader');
    const codes: string[] = [];
    for (let guess = 0; guess < 7; guess += 1) codes.push(await loginThroughProxy(stack, 'locked-out-trader', `guess-${guess}-wrong`, '203.0.113.66'));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill('INVALID_CREDENTIALS'));
    expect(codes.slice(5)).toEqual(Array(2).fill('RATE_LIMITED'));
    // A forged address in front of the one the proxy appended buys the attacker nothing.
    expect(await loginThroughProxy(stack, 'locked-out-trader', 'guess-x-wrong', '198.51.100.9, 203.0.113.66')).toBe('RATE_LIMITED');
    // The trader, elsewhere, still gets in.
    expect(await loginThroughProxy(stack, 'locked-out-trader', TEST_PASSWORD, '198.51.100.1')).toBe('OK');
  });
});
