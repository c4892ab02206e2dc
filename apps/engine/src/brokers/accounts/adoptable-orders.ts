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
