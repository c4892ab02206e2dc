import { describe, expect, it } from 'vitest';
import { DomainError, istDayStart, istDayNumber } from '@strikedesk/domain';
import { maxRequestsInWindow } from '../fake/fake-kite-harness.ts';
import { SkippingClock } from './kite-clock.ts';
import { kiteErrorDetails } from './kite-errors.ts';
import { KiteRateLimiter, kiteRateClass, type KiteRateClass, type KiteRateLimiterOptions } from './rate-limiter.ts';

/** Acquires `count` slots at once, each answered at once; resolves with each one's send time, in the order granted. */
async function burst(limiter: KiteRateLimiter, clock: SkippingClock, rateClass: KiteRateClass, count: number) {
  const granted: { index: number; at: number }[] = [];
  const results = await Promise.allSettled(
    Array.from({ length: count }, (_, index) =>
      limiter.acquire(rateClass).then((release) => {
        granted.push({ index, at: clock.now() });
        release();
      }),
    ),
  );
  return { granted, results };
}

const setup = (options: Omit<KiteRateLimiterOptions, 'clock'> = {}) => {
  const clock = new SkippingClock(() => 0);
  return { clock, limiter: new KiteRateLimiter({ clock, paddingMs: 0, ...options }) };
};

describe('rate limiter', () => {
  it('queues a burst FIFO and never lets more than 10 orders into any second', async () => {
    const { clock, limiter } = setup({ limits: { orders: { windows: [{ limit: 10, windowMs: 1_000 }], maxWaitMs: 60_000 } } });
    const { granted } = await burst(limiter, clock, 'orders', 35);
    expect(granted.map((g) => g.index)).toEqual([...Array(35).keys()]);
    expect(granted.map((g) => g.at)).toEqual([...Array(35).keys()].map((i) => Math.floor(i / 10) * 1_000));
    expect(maxRequestsInWindow(granted.map((g) => g.at), 1_000)).toBe(10);
  });

  it('counts a slot until a window after its answer, so a slow request holds back the next one', async () => {
    const { clock, limiter } = setup({ limits: { quote: { windows: [{ limit: 1, windowMs: 1_000 }], maxWaitMs: 60_000 } } });
    const first = await limiter.acquire('quote');
    let secondAt: number | null = null;
    const second = limiter.acquire('quote').then((release) => {
      secondAt = clock.now();
      release();
    });
    // The first request is still on its way at 1.2 s: nothing else may go until a second after its answer.
    await clock.sleep(1_200);
    expect(secondAt).toBeNull();
    first();
    await second;
    expect(secondAt).toBe(2_200);
  });

  it('widens each window by the padding', async () => {
    const { clock, limiter } = setup({ paddingMs: 100, limits: { quote: { windows: [{ limit: 1, windowMs: 1_000 }], maxWaitMs: 60_000 } } });
    const { granted } = await burst(limiter, clock, 'quote', 3);
    expect(granted.map((g) => g.at)).toEqual([0, 1_100, 2_200]);
  });

  it('honours every window of a class at once (per second and per minute)', async () => {
    const { clock, limiter } = setup({
      limits: { orders: { windows: [{ limit: 3, windowMs: 100 }, { limit: 5, windowMs: 1_000 }], maxWaitMs: 60_000 } },
    });
    const { granted } = await burst(limiter, clock, 'orders', 8);
    expect(granted.map((g) => g.at)).toEqual([0, 0, 0, 100, 100, 1_000, 1_000, 1_000]);
  });

  it('refuses at once, without queueing, a request that would wait longer than allowed', async () => {
    const { clock, limiter } = setup({ limits: { orders: { windows: [{ limit: 10, windowMs: 1_000 }], maxWaitMs: 1_500 } } });
    const { granted, results } = await burst(limiter, clock, 'orders', 25);
    expect(granted).toHaveLength(20);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as DomainError);
    expect(refused).toHaveLength(5);
    expect(refused[0]?.code).toBe('BROKER_RATE_LIMITED');
    expect(refused[0]?.message).toMatch(/would wait 2\.0 s, so it was not sent/);
    expect(kiteErrorDetails(refused[0])).toMatchObject({ source: 'client', outcome: 'refused', rateClass: 'orders' });
    // Refusals reserve nothing: once the queue drains, a request goes straight out again.
    const before = clock.now();
    (await limiter.acquire('orders'))();
    expect(clock.now() - before).toBeLessThanOrEqual(1_000);
  });

  it('counts the daily cap per IST calendar day', async () => {
    const dayStart = istDayStart(istDayNumber(Date.UTC(2026, 11, 22, 5, 0, 0)));
    let base = dayStart + 10 * 3_600_000;
    const clock = new SkippingClock(() => base);
    const limiter = new KiteRateLimiter({ clock, paddingMs: 0, limits: { orders: { windows: [{ limit: 3, per: 'ist-day' }], maxWaitMs: 60_000 } } });
    for (let i = 0; i < 3; i += 1) (await limiter.acquire('orders'))();
    await expect(limiter.acquire('orders')).rejects.toMatchObject({ code: 'BROKER_RATE_LIMITED', message: expect.stringMatching(/daily limit of 3 orders/) });
    base = dayStart + 86_400_000 + 60_000;
    await expect(limiter.acquire('orders')).resolves.toBeTypeOf('function');
  });

  it('holds a class back after Kite answered 429', async () => {
    const { clock, limiter } = setup();
    limiter.pause('others', 700);
    (await limiter.acquire('others'))();
    expect(clock.now()).toBe(700);
    // Other classes are not affected.
    const before = clock.now();
    (await limiter.acquire('quote'))();
    expect(clock.now()).toBe(before);
  });

  it('classifies endpoints as Kite counts them', () => {
    expect(kiteRateClass('GET', '/quote')).toBe('quote');
    expect(kiteRateClass('GET', '/quote/ltp')).toBe('quote');
    expect(kiteRateClass('GET', '/instruments/historical/256265/minute')).toBe('historical');
    expect(kiteRateClass('POST', '/orders/regular')).toBe('orders');
    expect(kiteRateClass('PUT', '/orders/regular/1234')).toBe('others');
    expect(kiteRateClass('DELETE', '/orders/regular/1234')).toBe('others');
    expect(kiteRateClass('GET', '/orders')).toBe('others');
    expect(kiteRateClass('GET', '/instruments')).toBe('others');
  });
});
