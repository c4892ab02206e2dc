/**
 * An adapter says an order is final (filled, cancelled, rejected, expired) only once it has
 * reported every fill the broker counts on it: brokers list an order's status and its trades
 * separately (Kite's /orders/{id}/trades lags filled_quantity; XTS's order event can beat its
 * trade event), and an order no longer followed gets its missing fills only from reconciliation,
 * much later. The wait is bounded: trades that never appear are left to reconciliation.
 */
export type FinalReading = 'fills-complete' | 'awaiting-fills' | 'fills-overdue';

/** How long a final order waits for its trades to be listed before it is let go without them. */
export const DEFAULT_FILLS_WAIT_MS = 30_000;

export type FillProgress = {
  /** Quantity reported as filled so far. */
  filled: number;
  /** When the order was first seen final with fills missing. */
  finalSeenAt?: number;
};

export function readFinal(progress: FillProgress, brokerFilled: number, now: number, waitMs: number): FinalReading {
  if (progress.filled >= brokerFilled) return 'fills-complete';
  progress.finalSeenAt ??= now;
  return now - progress.finalSeenAt < waitMs ? 'awaiting-fills' : 'fills-overdue';
}
