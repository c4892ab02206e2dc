import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../server.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// Password spraying: one address, one password, many usernames. The per-username limit (5) never
// sees it; the per-address one counts wrong passwords only. A small budget here (6) keeps the
// test fast; the default (30) is checked in env.test.ts. The proxy is named (TRUSTED_PROXIES) so
// each test plays a client address of its own, resolved as the login limits resolve it.
const BUDGET = 6;
const env = { TRUSTED_PROXIES: '127.0.0.1', LOGIN_FAILURES_PER_ADDRESS: String(BUDGET) };

type Answer = { appCode: string; message: string; token: string | null };

/** One tRPC call as it reaches the gateway through the proxy, from client address `from`. */
async function call(url: string, path: string, input: unknown, from: string, token: string | null = null): Promise<Answer> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { error?: { message?: string; data?: { appCode?: string } }; result?: { data?: { accessToken?: string } } };
  return {
    appCode: body.error?.data?.appCode ?? 'OK',
    message: body.error?.message ?? '',
    token: body.result?.data?.accessToken ?? null,
  };
}

const login = (gateway: { url: string }, username: string, password: string, from: string) => call(gateway.url, 'auth.login', { username, password }, from);

/** `count` usernames nobody has: a sprayer's list. */
const sprayList = (tag: string, count: number) => Array.from({ length: count }, (_, index) => `${tag}-${index}`);

describe('failed logins per client address (memory)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ engine: false, env });
  });
  afterAll(() => stack?.close());

  it('one address spraying a password over many usernames is refused after the budget, with the time to wait', async () => {
    await createTestUser(stack.gateway.identity, 'spray-target', 'trader');
    const codes: string[] = [];
    for (const username of sprayList('nobody', BUDGET)) codes.push((await login(stack.gateway, username, 'Summer2026!', '203.0.113.10')).appCode);
    expect(codes).toEqual(Array(BUDGET).fill('INVALID_CREDENTIALS'));
    const refused = await login(stack.gateway, 'spray-target', 'Summer2026!', '203.0.113.10');
    expect(refused.appCode).toBe('RATE_LIMITED');
    expect(refused.message).toBe('Too many wrong passwords from your network address. Try again in 15 min.');
    // Even the right password: a sprayer must not learn that it found one.
    expect((await login(stack.gateway, 'spray-target', TEST_PASSWORD, '203.0.113.10')).appCode).toBe('RATE_LIMITED');
    // The user, from anywhere else, is not affected.
    expect((await login(stack.gateway, 'spray-target', TEST_PASSWORD, '198.51.100.10')).appCode).toBe('OK');
  });

  it('successful logins never count: many traders behind one address log in, and the budget is still whole', async () => {
    // Nine successes, more than the whole budget: had they counted, the first wrong one below would be refused.
    const traders = sprayList('office-trader', 3);
    for (const username of traders) await createTestUser(stack.gateway.identity, username, 'trader');
    for (const username of [...traders, ...traders, ...traders]) expect((await login(stack.gateway, username, TEST_PASSWORD, '203.0.113.20')).appCode).toBe('OK');
    const codes: string[] = [];
    for (const username of sprayList('office-typo', BUDGET)) codes.push((await login(stack.gateway, username, 'typo', '203.0.113.20')).appCode);
    expect(codes).toEqual(Array(BUDGET).fill('INVALID_CREDENTIALS'));
    expect((await login(stack.gateway, 'office-typo-x', 'typo', '203.0.113.20')).appCode).toBe('RATE_LIMITED');
  });

  it("a success does not reset the address: logging into the attacker's own account between guesses buys nothing", async () => {
    await createTestUser(stack.gateway.identity, 'attacker-own', 'viewer');
    const codes: string[] = [];
    for (const username of sprayList('victim', BUDGET)) {
      codes.push((await login(stack.gateway, username, 'Password1', '203.0.113.30')).appCode);
      if (codes.length < BUDGET) expect((await login(stack.gateway, 'attacker-own', TEST_PASSWORD, '203.0.113.30')).appCode).toBe('OK');
    }
    expect(codes).toEqual(Array(BUDGET).fill('INVALID_CREDENTIALS'));
    expect((await login(stack.gateway, 'victim-x', 'Password1', '203.0.113.30')).appCode).toBe('RATE_LIMITED');
  });

  it('concurrent guesses over many usernames: exactly the budget is checked', async () => {
    const answers = await Promise.all(sprayList('parallel', 20).map((username) => login(stack.gateway, username, 'Password1', '203.0.113.40')));
    const codes = answers.map((answer) => answer.appCode);
    expect(codes.filter((code) => code === 'INVALID_CREDENTIALS')).toHaveLength(BUDGET);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(20 - BUDGET);
  });

  it('attempts the per-username limit refused were not password checks: they do not use the address budget', async () => {
    await createTestUser(stack.gateway.identity, 'hammered', 'trader');
    const codes: string[] = [];
    // Five wrong ones reach the per-username limit (5); two more are refused by it unchecked.
    for (let guess = 0; guess < 7; guess += 1) codes.push((await login(stack.gateway, 'hammered', `guess-${guess}`, '203.0.113.50')).appCode);
    expect(codes).toEqual([...Array(5).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED', 'RATE_LIMITED']);
    // Five of six used: one more wrong password, then the address is refused.
    expect((await login(stack.gateway, 'someone-else', 'guess', '203.0.113.50')).appCode).toBe('INVALID_CREDENTIALS');
    expect((await login(stack.gateway, 'someone-else-2', 'guess', '203.0.113.50')).appCode).toBe('RATE_LIMITED');
  });

  it('an IPv6 client is counted as its /64: changing address within it between guesses buys nothing', async () => {
    // Any of 2^64 addresses is the same client (one home or office); counted one by one, a
    // sprayer would take a fresh budget for every guess.
    const codes: string[] = [];
    for (const [index, username] of sprayList('v6-spray', BUDGET).entries()) codes.push((await login(stack.gateway, username, 'Password1', `2001:db8:70:1:${index + 1}::1`)).appCode);
    expect(codes).toEqual(Array(BUDGET).fill('INVALID_CREDENTIALS'));
    expect((await login(stack.gateway, 'v6-spray-x', 'Password1', '2001:DB8:70:1:ffff:ffff:ffff:fffe')).appCode).toBe('RATE_LIMITED');
    // Another /64 is another client.
    expect((await login(stack.gateway, 'v6-spray-y', 'Password1', '2001:db8:70:2::1')).appCode).toBe('INVALID_CREDENTIALS');
  });

  it("wrong current passwords in a password change use the same address budget as logins", async () => {
    const tokens: string[] = [];
    for (const username of ['changer-a', 'changer-b']) {
      await createTestUser(stack.gateway.identity, username, 'trader');
      const session = await login(stack.gateway, username, TEST_PASSWORD, '203.0.113.60');
      tokens.push(session.token ?? '');
    }
    // Three each: under the per-username limit (5), six together: the address budget.
    for (const token of tokens) {
      for (let guess = 0; guess < BUDGET / 2; guess += 1) {
        const answer = await call(stack.gateway.url, 'auth.changePassword', { currentPassword: `wrong-${guess}`, newPassword: 'a brand new passphrase' }, '203.0.113.60', token);
        expect(answer.appCode).toBe('CURRENT_PASSWORD_WRONG');
      }
    }
    expect((await login(stack.gateway, 'changer-a', TEST_PASSWORD, '203.0.113.60')).appCode).toBe('RATE_LIMITED');
  });
});

// Two gateways of one desk (one database) share the count through Redis; another desk on the same
// Redis (its own database — as every test suite's gateway is) keeps its own.
describe('failed logins per client address (Redis, two gateways)', () => {
  const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  let stack: TestStack;
  let second: Gateway;
  let otherDesk: TestStack;
  // Networks of this run only: Redis outlives test runs. An IPv6 client counts as its /64.
  const network = `2001:db8:${randomBytes(2).toString('hex')}`;
  const address = `${network}:1::1`;
  beforeAll(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await probe.connect().catch(() => {
      throw new Error(`this test needs Redis at ${REDIS_URL}`);
    });
    await probe.quit();
    stack = await startTestStack({ engine: false, env: { ...env, REDIS_URL } });
    second = await startGateway(stack.env);
    otherDesk = await startTestStack({ engine: false, env: { ...env, REDIS_URL } });
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await otherDesk?.close();
  });

  it('wrong passwords on either gateway add up; another desk on the same Redis is not affected', async () => {
    const gateways = [stack.gateway, second];
    const codes: string[] = [];
    for (const [index, username] of sprayList('shared', BUDGET).entries()) codes.push((await login(gateways[index % 2]!, username, 'Password1', address)).appCode);
    expect(codes).toEqual(Array(BUDGET).fill('INVALID_CREDENTIALS'));
    expect((await login(stack.gateway, 'shared-x', 'Password1', address)).appCode).toBe('RATE_LIMITED');
    expect((await login(second, 'shared-y', 'Password1', address)).appCode).toBe('RATE_LIMITED');
    expect((await login(otherDesk.gateway, 'shared-z', 'Password1', address)).appCode).toBe('INVALID_CREDENTIALS');
  });

  it('successes through Redis do not count either', async () => {
    const from = `${network}:2::1`;
    const traders = sprayList('redis-trader', 2);
    for (const username of traders) await createTestUser(stack.gateway.identity, username, 'trader');
    const logins = [...traders, ...traders, ...traders, ...traders];
    for (const [index, username] of logins.entries()) expect((await login([stack.gateway, second][index % 2]!, username, TEST_PASSWORD, from)).appCode).toBe('OK');
    const codes: string[] = [];
    for (const username of sprayList('redis-typo', BUDGET)) codes.push((await login(second, username, 'typo', from)).appCode);
    expect(codes).toEqual(Array(BUDGET).fill('INVALID_CREDENTIALS'));
    expect((await login(stack.gateway, 'redis-typo-x', 'typo', from)).appCode).toBe('RATE_LIMITED');
  });
});
