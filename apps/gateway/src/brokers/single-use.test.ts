import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSingleUse } from './single-use.ts';

// Against the local Redis (as redis-attempt-limiter.test.ts): two clients stand for two gateways.
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = pino({ level: 'silent' });
let first: Redis;
let second: Redis;

beforeAll(async () => {
  first = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await first.connect().catch(() => {
    throw new Error(`this test needs Redis at ${REDIS_URL}`);
  });
  second = first.duplicate();
});
afterAll(async () => {
  await Promise.all([first?.quit(), second?.quit()]);
});

const nonce = () => randomBytes(12).toString('hex');

describe('single-use claims', () => {
  it('in Redis: one of many concurrent claims on two gateways wins', async () => {
    const gateways = [createSingleUse(first, logger), createSingleUse(second, logger)];
    const value = nonce();
    const results = await Promise.all(Array.from({ length: 10 }, (_, index) => gateways[index % 2]!.claim(value, 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await first.pttl(`strikedesk:once:${value}`)).toBeGreaterThan(50_000);
  });

  it('in memory: once, until it expires', async () => {
    const once = createSingleUse(null, logger);
    const value = nonce();
    expect(await once.claim(value, 60_000)).toBe(true);
    expect(await once.claim(value, 60_000)).toBe(false);
    const brief = nonce();
    expect(await once.claim(brief, 1)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await once.claim(brief, 60_000)).toBe(true);
  });

  it('falls back to memory when Redis fails', async () => {
    const broken = new Redis('redis://127.0.0.1:9', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    const once = createSingleUse(broken, logger);
    const value = nonce();
    expect(await once.claim(value, 60_000)).toBe(true);
    expect(await once.claim(value, 60_000)).toBe(false);
    broken.disconnect();
  });
});
