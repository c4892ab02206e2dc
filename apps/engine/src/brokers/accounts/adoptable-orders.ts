import { istDayNumber, type ClientOrderId, type Order } from '@strikedesk/domain';

/** What an adapter taking over an account is handed (Broker.adopt). */
export type AdoptableOrder = {
  clientOrderId: ClientOrderId;
  brokerOrderId: string;
  /** A stop order (SL, SL-M): an adapter whose broker sends no trigger event reports one at its first trade. */
  stop: boolean;
  triggered: boolean;
};

/**
 * The account's open orders the broker has acknowledged today. An earlier session's orders are
 * expired by start-up reconciliation, not followed; one without a broker id was never acknowledged.
 */
export function adoptableOrders(openOrders: readonly Order[], now: number): AdoptableOrder[] {
  const today = istDayNumber(now);
  return openOrders.flatMap((order) =>
    order.brokerOrderId === null || istDayNumber(order.createdAt) !== today ? [] : [{ clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId, stop: order.type === 'SL' || order.type === 'SL_M', triggered: order.triggeredAt !== null }],
  );
}

/** Book reads in a row that may miss an adopted order before its adapter lets it go (not today's, or not this broker's). */
const ADOPTED_MISSES_ALLOWED = 3;

/**
 * After a read of the broker's order book: an adopted order the book shows counts as seen again;
 * one it has not shown ADOPTED_MISSES_ALLOWED reads in a row is let go to reconciliation, so the
 * read-back stops polling for it. Orders the adapter placed itself (no `adoptedMisses`) are left alone.
 */
export function letGoOfUnlistedAdopted(tracked: Map<string, { adoptedMisses?: number }>, listed: (brokerOrderId: string) => boolean): void {
  for (const [brokerOrderId, entry] of tracked) {
    if (entry.adoptedMisses === undefined) continue;
    if (listed(brokerOrderId)) entry.adoptedMisses = 0;
    else if (++entry.adoptedMisses >= ADOPTED_MISSES_ALLOWED) tracked.delete(brokerOrderId);
  }
}
