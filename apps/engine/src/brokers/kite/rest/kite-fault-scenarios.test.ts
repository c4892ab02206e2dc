import { afterEach, describe, expect, it } from 'vitest';
import { paise, type DomainError } from '@strikedesk/domain';
import { maxRequestsInWindow, placeRequest, requestsTo, startKiteHarness, type KiteHarness, type KiteHarnessOptions } from '../fake/fake-kite-harness.ts';
import { kiteErrorDetails } from './kite-errors.ts';
import type { KitePlaceRequest } from './kite-orders.ts';

/** The named fault scenarios of issue 4, against the fake Kite. */
/** A resting LIMIT order: the fake only fills it on demand, so the book is easy to reason about. */
const order = (over: Partial<KitePlaceRequest> = {}): KitePlaceRequest => placeRequest({ type: 'LIMIT', price: paise(10_000), ...over });
const placements = (h: KiteHarness) => requestsTo(h.fake, 'POST', /^\/orders\/regular$/);

let h: KiteHarness;
const start = async (options: KiteHarnessOptions = {}): Promise<KiteHarness> => {
  h = await startKiteHarness(options);
  return h;
};
afterEach(async () => h?.close());

describe('lost-ack-no-duplicate', () => {
  it.each(['hang', 'reset'] as const)('a placement whose answer is lost (%s) after Kite registered it is found by tag, never placed twice', async (mode) => {
    await start({ client: { timeoutMs: 300 } });
    h.fake.faults.loseNextAcknowledgement(mode);
    const request = order();
    const outcome = await h.client.placeOrderIdempotent(request);
    expect(h.fake.book.orders).toHaveLength(1);
    const [registered] = h.fake.book.orders;
    expect(outcome).toMatchObject({ outcome: 'found', brokerOrderId: registered?.orderId, matches: 1, order: { clientOrderId: request.clientOrderId, status: 'OPEN' } });
    expect(placements(h)).toHaveLength(1);
    expect(requestsTo(h.fake, 'GET', /^\/orders$/).length).toBeGreaterThanOrEqual(1);
  });

  it('an acknowledgement slower than the timeout is the same: found, one order', async () => {
    await start({ client: { timeoutMs: 200 } });
    h.fake.faults.delayNextAcknowledgement(600);
    const outcome = await h.client.placeOrderIdempotent(order());
    expect(outcome.outcome).toBe('found');
    expect(h.fake.book.orders).toHaveLength(1);
    expect(placements(h)).toHaveLength(1);
  });

  it('a slow acknowledgement within the timeout is simply placed', async () => {
    await start({ client: { timeoutMs: 2_000 } });
    h.fake.faults.delayNextAcknowledgement(100);
    const outcome = await h.client.placeOrderIdempotent(order());
    expect(outcome).toEqual({ outcome: 'placed', brokerOrderId: h.fake.book.orders[0]?.orderId });
  });

  it('an order still absent after the grace is reported not-found (the caller decides), without a resend', async () => {
    // The POST dies before reaching Kite; reads work.
    const fetchThatLosesPosts: typeof fetch = (input, init) =>
      init?.method === 'POST' ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
    await start({ client: { fetch: fetchThatLosesPosts, placement: { graceMs: 3_000, pollMs: 500 } } });
    const startedAt = h.clock!.now();
    const outcome = await h.client.placeOrderIdempotent(order());
    expect(outcome).toMatchObject({ outcome: 'not-found', error: { code: 'BROKER_UNAVAILABLE' } });
    expect(h.fake.book.orders).toHaveLength(0);
    expect(placements(h)).toHaveLength(0);
    // Looked again and again through the whole grace (on the skipping clock: no real waiting) before concluding.
    expect(requestsTo(h.fake, 'GET', /^\/orders$/).length).toBeGreaterThanOrEqual(2);
    expect(h.clock!.now() - startedAt).toBeGreaterThanOrEqual(3_000);
  });

  it('when the book cannot be read either, the outcome is unknown: nothing is concluded', async () => {
    await start({ client: { fetch: () => Promise.reject(new TypeError('fetch failed')) } });
    const outcome = await h.client.placeOrderIdempotent(order());
    expect(outcome).toMatchObject({ outcome: 'unknown', error: { code: 'BROKER_UNAVAILABLE' } });
  });

  it("Kite's definitive refusal is thrown, with no look-up", async () => {
    await start();
    h.fake.faults.rejectNextOrder('Trading is not allowed in this contract.');
    await expect(h.client.placeOrderIdempotent(order())).rejects.toMatchObject({ code: 'BROKER_ORDER_REJECTED' });
    expect(requestsTo(h.fake, 'GET', /^\/orders$/)).toHaveLength(0);
  });
});

describe('rate-limit-never-exceeded', () => {
  it('a burst of 50 order calls never reaches Kite faster than 10 per second', async () => {
    await start({ realClock: true, limiter: { limits: { orders: { windows: [{ limit: 10, windowMs: 1_000 }, { limit: 400, windowMs: 60_000 }], maxWaitMs: 10_000 } } } });
    const results = await Promise.all(Array.from({ length: 50 }, () => h.client.placeOrder(order())));
    expect(new Set(results.map((r) => r.brokerOrderId)).size).toBe(50);
    const arrivals = placements(h).map((r) => r.at);
    expect(arrivals).toHaveLength(50);
    expect(maxRequestsInWindow(arrivals, 1_000)).toBeLessThanOrEqual(10);
    // Queued, not dropped: the burst took at least four more seconds.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(4_000);
  }, 20_000);

  it('refuses at once, with a clear error, what would wait longer than configured; those never reach Kite', async () => {
    await start({ realClock: true, limiter: { limits: { orders: { windows: [{ limit: 10, windowMs: 1_000 }], maxWaitMs: 1_500 } } } });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => h.client.placeOrder(order())));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as DomainError);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(refused).toHaveLength(30);
    for (const error of refused) {
      expect(error.code).toBe('BROKER_RATE_LIMITED');
      expect(error.message).toMatch(/Too many orders queued for the broker's rate limit/);
      expect(kiteErrorDetails(error)).toMatchObject({ source: 'client', outcome: 'refused' });
    }
    expect(placements(h)).toHaveLength(20);
    expect(maxRequestsInWindow(placements(h).map((r) => r.at), 1_000)).toBeLessThanOrEqual(10);
  }, 20_000);
});

describe('token-expiry-pauses', () => {
  it('a TokenException surfaces as BROKER_SESSION_EXPIRED once, is not retried, and stops the client until a new login', async () => {
    const expiries: DomainError[] = [];
    await start({ client: { onSessionExpired: (error) => expiries.push(error) } });
    await h.client.orders();
    h.fake.faults.expireSession();

    const sentBefore = h.fake.requests.length;
    const error = await h.client.orders().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(kiteErrorDetails(error)).toMatchObject({ errorType: 'TokenException', httpStatus: 403, source: 'server', outcome: 'refused' });
    expect(h.fake.requests.length - sentBefore).toBe(1);
    expect(h.client.hasSession).toBe(false);
    // The link is told once the request that met the expiry has had its answer (its order's rejection first).
    expect(expiries).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(expiries).toHaveLength(1);

    // Paused: nothing more goes to Kite — not a read, not an order, not a look-up by tag.
    await expect(h.client.positions()).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED', details: { source: 'client' } });
    await expect(h.client.placeOrderIdempotent(order())).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    expect(h.fake.requests.length - sentBefore).toBe(1);
    expect(expiries).toHaveLength(1);

    await h.client.generateSession(h.fake.issueRequestToken(), h.fake.apiSecret);
    await expect(h.client.placeOrderIdempotent(order())).resolves.toMatchObject({ outcome: 'placed' });
  });
});

describe('token-expiry-pauses during a look-up', () => {
  it('a session that ends while an unanswered order is looked up leaves the outcome unknown at once', async () => {
    await start({ client: { timeoutMs: 300 } });
    h.fake.faults.loseNextAcknowledgement('hang');
    // The session ends right as Kite registers the order.
    const stop = h.fake.onOrderUpdate(() => h.fake.faults.expireSession());
    const outcome = await h.client.placeOrderIdempotent(order());
    stop();
    expect(outcome).toMatchObject({ outcome: 'unknown', error: { code: 'BROKER_SESSION_EXPIRED' } });
    expect(requestsTo(h.fake, 'GET', /^\/orders$/)).toHaveLength(1);
    expect(h.fake.book.orders).toHaveLength(1);
  });
});

describe('429 backoff', () => {
  it('retries a read with exponential backoff and succeeds', async () => {
    await start();
    h.fake.faults.rateLimitNext(2);
    await expect(h.client.orders()).resolves.toEqual([]);
    expect(requestsTo(h.fake, 'GET', /^\/orders$/).map((r) => r.status)).toEqual([429, 429, 200]);
    expect(h.clock?.slept.filter((ms) => ms >= 500)).toEqual([500, 1_000]);
  });

  it('gives up after the bounded retries with BROKER_RATE_LIMITED, whatever the 429 body', async () => {
    await start();
    h.fake.faults.rateLimitNext(10, { textBody: true });
    const error = await h.client.positions().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BROKER_RATE_LIMITED' });
    expect(kiteErrorDetails(error)).toMatchObject({ source: 'server', httpStatus: 429, raw: 'Too many requests' });
    expect(requestsTo(h.fake, 'GET', /^\/portfolio\/positions$/)).toHaveLength(4);
    expect(h.clock?.slept.filter((ms) => ms >= 500)).toEqual([500, 1_000, 2_000]);
  });

  it('honours Retry-After', async () => {
    await start();
    h.fake.faults.rateLimitNext(1, { retryAfterSeconds: 3 });
    await h.client.trades();
    expect(h.clock?.slept.filter((ms) => ms >= 500)).toEqual([3_000]);
  });

  it('never resends a plain order placement after a 429', async () => {
    await start();
    h.fake.faults.rateLimitNext(1, { path: /^\/orders\// });
    await expect(h.client.placeOrder(order())).rejects.toMatchObject({ code: 'BROKER_RATE_LIMITED' });
    expect(placements(h)).toHaveLength(1);
    expect(h.fake.book.orders).toHaveLength(0);
  });

  it('the idempotent placement resends after a 429 only once the book shows no order with its tag', async () => {
    await start();
    h.fake.faults.rateLimitNext(1, { path: /^\/orders\/regular$/ });
    const request = order();
    const outcome = await h.client.placeOrderIdempotent(request);
    expect(outcome).toMatchObject({ outcome: 'placed' });
    expect(h.fake.book.orders).toHaveLength(1);
    const calls = h.fake.requests.filter((r) => r.path.startsWith('/orders')).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls[0]).toBe('POST /orders/regular 429');
    expect(calls.at(-1)).toBe('POST /orders/regular 200');
    expect(calls.slice(1, -1).every((call) => call === 'GET /orders 200')).toBe(true);
  });

  it('gives up resending after a bounded number of 429s (confirmed not placed)', async () => {
    await start();
    h.fake.faults.rateLimitNext(10, { path: /^\/orders\/regular$/ });
    await expect(h.client.placeOrderIdempotent(order(), { maxRateLimitedResends: 2 })).rejects.toMatchObject({ code: 'BROKER_RATE_LIMITED' });
    expect(placements(h)).toHaveLength(3);
    expect(h.fake.book.orders).toHaveLength(0);
  });
});
