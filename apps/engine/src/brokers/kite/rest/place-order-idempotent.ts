import { DomainError } from '@strikedesk/domain';
import type { KiteClock } from './kite-clock.ts';
import { isOutcomeUnknown, kiteErrorDetails } from './kite-errors.ts';
import type { KiteOrderView } from './kite-order-mapping.ts';
import type { KitePlaceRequest } from './kite-orders.ts';

/**
 * Placing an order never places it twice. Kite has no idempotency key; our client order id rides
 * in `tag`, and the day's order book is searched by it whenever the answer to a placement is not
 * Kite's definitive word:
 *
 * - Timeout, dropped connection, 5xx, unreadable answer: the OMS may hold the order (it may even
 *   register it a moment after we gave up). Look it up by tag, polling for `graceMs`. Found → that
 *   order. Not there after the grace → `not-found`: the caller decides (ADR 0013: at start-up a
 *   young order may be resent; while running it is reported BROKER_NOT_RECEIVED). Never resent here.
 * - HTTP 429: Kite's rate limiter refuses before the OMS sees the request, so the order should not
 *   exist — but a 429 is only as good as the layer that sent it, and the cost of being wrong is a
 *   doubled position. So a 429 is treated like an unknown outcome first: only when the book shows
 *   no order with this tag after the grace is the same request sent again (same tag), at most
 *   `maxRateLimitedResends` times; then the 429 is thrown (confirmed not placed).
 * - Any other refusal (InputException, OrderException, TokenException, our own limiter's "queue
 *   too long"): thrown as is — definitive, nothing to look up.
 * - The book itself cannot be read during the grace → `unknown`: emit nothing, reconciliation
 *   settles it later.
 */
export type PlaceOutcome =
  | { outcome: 'placed'; brokerOrderId: string }
  | { outcome: 'found'; brokerOrderId: string; order: KiteOrderView; matches: number }
  | { outcome: 'not-found'; error: DomainError }
  | { outcome: 'unknown'; error: DomainError };

export type IdempotentPlaceOptions = {
  /** How long after an unanswered placement the order may still appear in the book. */
  graceMs?: number;
  pollMs?: number;
  maxRateLimitedResends?: number;
};

export const DEFAULT_PLACE_GRACE_MS = 3_000;
const DEFAULT_POLL_MS = 500;
const DEFAULT_RATE_LIMITED_RESENDS = 2;

export type IdempotentPlaceDeps = {
  place(request: KitePlaceRequest): Promise<{ brokerOrderId: string }>;
  ordersByTag(tag: string): Promise<KiteOrderView[]>;
  clock: KiteClock;
};

type Lookup = { kind: 'found'; order: KiteOrderView; matches: number } | { kind: 'absent' } | { kind: 'unreachable'; error: DomainError };

/** Polls the book for the tag until found, or until a look-up at or after the deadline says it is absent. */
async function lookUpByTag(deps: IdempotentPlaceDeps, tag: string, graceMs: number, pollMs: number, cause: DomainError): Promise<Lookup> {
  const deadline = deps.clock.now() + graceMs;
  let lastError: DomainError = cause;
  for (;;) {
    const askedAt = deps.clock.now();
    try {
      const orders = await deps.ordersByTag(tag);
      // Oldest first: if a duplicate ever exists, the first placement is the one we meant.
      const sorted = [...orders].sort((a, b) => (a.placedAt ?? 0) - (b.placedAt ?? 0));
      if (sorted[0]) return { kind: 'found', order: sorted[0], matches: sorted.length };
      if (askedAt >= deadline) return { kind: 'absent' };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      lastError = error;
      // Without a session no later look can succeed: say so now rather than at the deadline.
      if (error.code === 'BROKER_SESSION_EXPIRED' || deps.clock.now() >= deadline) return { kind: 'unreachable', error: lastError };
    }
    await deps.clock.sleep(Math.min(pollMs, Math.max(0, deadline - deps.clock.now())));
  }
}

export async function placeOrderIdempotent(deps: IdempotentPlaceDeps, request: KitePlaceRequest, options: IdempotentPlaceOptions = {}): Promise<PlaceOutcome> {
  const graceMs = options.graceMs ?? DEFAULT_PLACE_GRACE_MS;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const maxResends = options.maxRateLimitedResends ?? DEFAULT_RATE_LIMITED_RESENDS;
  for (let resends = 0; ; resends += 1) {
    try {
      const { brokerOrderId } = await deps.place(request);
      return { outcome: 'placed', brokerOrderId };
    } catch (error) {
      // Every transport failure arrives as a DomainError; anything else is a bug of ours, raised before sending.
      if (!(error instanceof DomainError)) throw error;
      const rateLimitedByKite = error.code === 'BROKER_RATE_LIMITED' && kiteErrorDetails(error)?.source === 'server';
      if (!rateLimitedByKite && !isOutcomeUnknown(error)) throw error;
      const lookup = await lookUpByTag(deps, request.clientOrderId, graceMs, pollMs, error);
      if (lookup.kind === 'found') return { outcome: 'found', brokerOrderId: lookup.order.brokerOrderId, order: lookup.order, matches: lookup.matches };
      if (lookup.kind === 'unreachable') return { outcome: 'unknown', error: lookup.error };
      if (!rateLimitedByKite) return { outcome: 'not-found', error };
      if (resends >= maxResends) throw error;
    }
  }
}
