import type { XtsRateLimit } from '../xts-rate-limiter.ts';

/**
 * Client-side limits for the Interactive API, so XTS never has to answer 429 (repeated breaches get
 * an app key blocked, and a 429 on a placement costs a look-up of the book before it may be resent).
 * XTS's published figures: orders 10/s; order book, trade book, balance and profile 1/s each.
 * Positions and the rest are undocumented: 1/s, as for the other reads. An order that cannot go out
 * within 2 s is refused unsent (BROKER_RATE_LIMITED), as on Kite: its price is stale by then. Book
 * reads may wait longer — they are what settles orders whose answers were lost.
 */
export const XTS_INTERACTIVE_RATE_CLASSES = ['session', 'orders', 'orderBook', 'tradeBook', 'balance', 'profile', 'others'] as const;
export type XtsInteractiveRateClass = (typeof XTS_INTERACTIVE_RATE_CLASSES)[number];
export type XtsInteractiveRateLimits = Record<XtsInteractiveRateClass, XtsRateLimit>;

export const DEFAULT_XTS_INTERACTIVE_RATE_LIMITS: XtsInteractiveRateLimits = {
  session: { limit: 1, windowMs: 1_000, maxWaitMs: 5_000 },
  orders: { limit: 10, windowMs: 1_000, maxWaitMs: 2_000 },
  orderBook: { limit: 1, windowMs: 1_000, maxWaitMs: 15_000 },
  tradeBook: { limit: 1, windowMs: 1_000, maxWaitMs: 15_000 },
  balance: { limit: 1, windowMs: 1_000, maxWaitMs: 5_000 },
  profile: { limit: 1, windowMs: 1_000, maxWaitMs: 5_000 },
  others: { limit: 1, windowMs: 1_000, maxWaitMs: 15_000 },
};

/** Paths are below `/interactive`. Place, modify, cancel and cancel-all all count as order actions. */
export function xtsInteractiveRateClass(request: { method: string; path: string }): XtsInteractiveRateClass {
  const { method, path } = request;
  if (path === '/user/session') return 'session';
  if (path === '/orders' && method === 'GET') return 'orderBook';
  if (path === '/orders' || path === '/orders/cancelall') return 'orders';
  if (path === '/orders/trades') return 'tradeBook';
  if (path === '/user/balance') return 'balance';
  if (path === '/user/profile') return 'profile';
  return 'others';
}
