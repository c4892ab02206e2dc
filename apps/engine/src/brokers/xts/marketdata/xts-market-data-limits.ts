import type { XtsRateLimit } from '../xts-rate-limiter.ts';

/**
 * Client-side limits for the Market Data API, per endpoint class. XTS documents no limits for this
 * API (the public SDKs and our reference list only the Interactive ones: orders 10/s, books and
 * balance 1/s), and brokers configure their own, so every number here is a conservative default to
 * be overridden per broker account — not a figure XTS published:
 * - quotes 1/s, like Interactive's 1/s for read endpoints: live prices come from the socket anyway;
 * - subscription (subscribe and unsubscribe) 10/s, so a reconnect's resubscription of a few message
 *   codes, or splitting a batch instrument by instrument, finishes in seconds;
 * - master 1 per 10 s: a multi-megabyte download needed once a day;
 * - session (login, logout) 1/s: every login ends the app key's other session;
 * - others 5/s.
 */
export const XTS_MD_RATE_CLASSES = ['session', 'subscription', 'quotes', 'master', 'others'] as const;
export type XtsMdRateClass = (typeof XTS_MD_RATE_CLASSES)[number];
export type XtsMdRateLimits = Record<XtsMdRateClass, XtsRateLimit>;

export const DEFAULT_XTS_MD_RATE_LIMITS: XtsMdRateLimits = {
  session: { limit: 1, windowMs: 1_000, maxWaitMs: 5_000 },
  subscription: { limit: 10, windowMs: 1_000, maxWaitMs: 30_000 },
  quotes: { limit: 1, windowMs: 1_000, maxWaitMs: 5_000 },
  master: { limit: 1, windowMs: 10_000, maxWaitMs: 30_000 },
  others: { limit: 5, windowMs: 1_000, maxWaitMs: 5_000 },
};

/** Paths are below the API prefix (`/auth/login`, `/instruments/quotes`, ...). */
export function xtsMdRateClass(request: { method: string; path: string }): XtsMdRateClass {
  if (request.path.startsWith('/auth/')) return 'session';
  if (request.path === '/instruments/subscription') return 'subscription';
  if (request.path === '/instruments/quotes') return 'quotes';
  if (request.path === '/instruments/master') return 'master';
  return 'others';
}
