import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, loginAs } from '../testing/gateway-client.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// The limit is 5 attempts per username and address (LOGIN_LIMITS); the in-memory limiter here,
// the Redis one in redis-attempt-limiter.test.ts.
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ engine: false });
});
afterAll(async () => {
  await stack?.close();
});

const count = (codes: string[], code: string) => codes.filter((value) => value === code).length;

describe('login rate limit under concurrency', () => {
  it('20 concurrent wrong passwords: only 5 are checked, the rest are RATE_LIMITED', async () => {
    await createTestUser(stack.gateway.identity, 'parallel-victim', 'trader');
    const guesses = Array.from({ length: 20 }, (_, index) =>
      failureOf(stack.client().trpc.auth.login.mutate({ username: 'parallel-victim', password: `guess-${index}` })),
    );
    const codes = (await Promise.all(guesses)).map((failure) => failure.appCode);
    expect(count(codes, 'INVALID_CREDENTIALS')).toBe(5);
    expect(count(codes, 'RATE_LIMITED')).toBe(15);
    // Locked even for the right password until the window ends.
    expect((await failureOf(stack.client().trpc.auth.login.mutate({ username: 'parallel-victim', password: TEST_PASSWORD }))).appCode).toBe(
      'RATE_LIMITED',
    );
  });

  it('a batched POST cannot carry login attempts past the limit', async () => {
    await createTestUser(stack.gateway.identity, 'batch-victim', 'trader');
    const calls = 20;
    const body = Object.fromEntries(Array.from({ length: calls }, (_, index) => [String(index), { username: 'batch-victim', password: `guess-${index}` }]));
    const response = await fetch(`${stack.gateway.url}/trpc/${Array(calls).fill('auth.login').join(',')}?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    // Batching is refused outright: no password was checked at all.
    expect(response.status).toBe(400);
    expect(text).not.toContain('INVALID_CREDENTIALS');
    await loginAs(stack.client(), 'batch-victim', TEST_PASSWORD);
  });

  it('a success resets the count', async () => {
    await createTestUser(stack.gateway.identity, 'forgetful', 'trader');
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await failureOf(stack.client().trpc.auth.login.mutate({ username: 'forgetful', password: `guess-${attempt}` }));
    }
    await loginAs(stack.client(), 'forgetful', TEST_PASSWORD);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await failureOf(stack.client().trpc.auth.login.mutate({ username: 'forgetful', password: `guess-${attempt}` }));
    }
    await loginAs(stack.client(), 'forgetful', TEST_PASSWORD);
  });
});

describe('changePassword rate limit under concurrency', () => {
  it('20 concurrent wrong current passwords: only 5 are checked', async () => {
    await createTestUser(stack.gateway.identity, 'stolen-token', 'trader');
    const client = stack.client();
    await loginAs(client, 'stolen-token', TEST_PASSWORD);
    const guesses = Array.from({ length: 20 }, (_, index) =>
      failureOf(client.trpc.auth.changePassword.mutate({ currentPassword: `guess-${index}`, newPassword: 'a brand new passphrase' })),
    );
    const codes = (await Promise.all(guesses)).map((failure) => failure.appCode);
    expect(count(codes, 'CURRENT_PASSWORD_WRONG')).toBe(5);
    expect(count(codes, 'RATE_LIMITED')).toBe(15);
  });
});
