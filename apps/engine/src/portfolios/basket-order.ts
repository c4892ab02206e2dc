import type { ExecutionSettings, Side } from '@strikedesk/domain';

/**
 * The order legs are sent in. Entry, BUY_FIRST (the default): buy legs first, so the hedges are
 * in place before the short legs and the broker grants the hedged (smaller) margin for them.
 * Exits reverse it: buy back the shorts first, then sell the longs, for the same reason.
 */
export function entrySequence<T extends { side: Side }>(legs: readonly T[], legOrder: ExecutionSettings['legOrder']): T[] {
  if (legOrder === 'AS_LISTED') return [...legs];
  return [...legs.filter((leg) => leg.side === 'BUY'), ...legs.filter((leg) => leg.side === 'SELL')];
}

export function exitSequence<T extends { netQuantity: number }>(positions: readonly T[]): T[] {
  return [...positions.filter((position) => position.netQuantity < 0), ...positions.filter((position) => position.netQuantity > 0)];
}
