import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisAttemptLimiter } from './redis-attempt-limiter.ts';

// The shared limiter against the local Redis (as redis-scale-out.test.ts): two clients stand for
// two gateways.
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
let first: Redis;
let second: Redis;
// Redis outlives test runs: a unique prefix keeps this run's keys its own.
const prefix = `sd:test-attempt:${randomBytes(4).toString('hex')}:`;

beforeAll(async () => {
  first = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await first.connect().catch(() => {
    throw new Error(`this test needs Redis at ${REDIS_URL}`);
  });
  second = first.duplicate();
});
afterAll(async () => {
  const keys = (await first?.keys(`${prefix}*`)) ?? [];
  if (keys.length > 0) await first.del(...keys);
  await Promise.all([first?.quit(), second?.quit()]);
});

describe('redis attempt limiter', () => {
  it('lets exactly maxAttempts of many concurrent attempts on two gateways go ahead', async () => {
    const limits = { maxAttempts: 5, windowMs: 60_000 };
    const limiters = [createRedisAttemptLimiter(first, limits, prefix), createRedisAttemptLimiter(second, limits, prefix)];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => limiters[index % 2]?.attempt('dave|1.2.3.4')));
    expect(answers.filter((retryAfter) => retryAfter === 0)).toHaveLength(5);
    expect(answers.filter((retryAfter) => retryAfter !== undefined && retryAfter > 0 && retryAfter <= 60)).toHaveLength(15);
    await limiters[0]?.reset('dave|1.2.3.4');
    expect(await limiters[1]?.attempt('dave|1.2.3.4')).toBe(0);
  });

  it('refund takes back one attempt, and on an expired window creates nothing', async () => {
    const limiter = createRedisAttemptLimiter(first, { maxAttempts: 2, windowMs: 60_000 }, prefix);
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    await limiter.refund('erin|1.2.3.4');
    expect(await limiter.attempt('erin|1.2.3.4')).toBe(0);
    expect(await limiter.attempt('erin|1.2.3.4')).toBeGreaterThan(0);
    // A plain DECR here would leave a key at -1 with no expiry: an allowance that never ends.
    const short = createRedisAttemptLimiter(first, { maxAttempts: 1, windowMs: 100 }, prefix);
    expect(await short.attempt('frank|1.2.3.4')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await short.refund('frank|1.2.3.4');
    expect(await first.exists(`${prefix}frank|1.2.3.4`)).toBe(0);
    expect(await short.attempt('frank|1.2.3.4')).toBe(0);
    expect(await short.attempt('frank|1.2.3.4')).toBeGreaterThan(0);
  });
});

