import {
  DomainError,
  PRICE_ALERT_ORDER_MAX_DELAY_MS,
  priceAlertClientOrderId,
  priceAlertOrderSpec,
  type AccountId,
  type Instrument,
  type Order,
  type PriceAlertOrderOutcome,
} from '@strikedesk/domain';
import type { FiredPriceAlert } from '@strikedesk/db/client';
import type { OrderManager } from '../orders/order-manager.ts';
import { sliceQuantities } from '../orders/slicing.ts';
import { waitForOrderRate } from '../strategies/pace-order-rate.ts';

export type PlaceGttOrderDeps = {
  orders: Pick<OrderManager, 'submit'>;
  /** The account's order with this client order id, if any (TradingState.findByClientOrderId). */
  findOrder(accountId: AccountId, clientOrderId: string): Order | undefined;
  now(): number;
  instrument(id: string): Instrument | undefined;
  /** Whether the account's per-second order window (per exchange segment) takes `messages` more now. */
  orderRateRoom(accountId: AccountId, segment: string, messages: number): boolean;
};

const orderOutcome = (order: Order): PriceAlertOrderOutcome => ({
  kind: 'ORDER',
  orderId: order.orderId,
  clientOrderId: order.clientOrderId,
  status: order.status,
  reasonCode: order.reasonCode,
  reasonMessage: order.reasonMessage,
});

const notPlaced = (error: DomainError): PriceAlertOrderOutcome => ({ kind: 'NOT_PLACED', code: error.code, message: error.message });

/**
 * Places a fired GTT's order through the OMS — every pre-trade check, halts and slicing as for an
 * order from the ticket — or says why not (ADR 0028). Its client order id comes from the alert, so
 * a second call (a restart, a retry after the outcome could not be recorded) finds the first order.
 * A refusal is an outcome; any other error (the journal unreachable, the engine stopping) is
 * thrown: nothing was placed, and the caller tries again while the fire is recent enough. The 60 s
 * is checked when the order is decided: a journal commit that then waits out a database outage
 * sends it later (as it would an order from the ticket).
 */
export async function placeGttOrder(alert: FiredPriceAlert, deps: PlaceGttOrderDeps): Promise<PriceAlertOrderOutcome> {
  const { order, accountId } = alert;
  if (order === null || accountId === null) throw new Error(`price alert ${alert.id} has no order`);
  const clientOrderId = priceAlertClientOrderId(alert.id);
  const existing = deps.findOrder(accountId, clientOrderId);
  if (existing) return orderOutcome(existing);
  if (!alert.ownerCanTrade) return notPlaced(new DomainError('GTT_OWNER_CANNOT_TRADE'));
  if (alert.triggeredAt !== null && deps.now() - alert.triggeredAt > PRICE_ALERT_ORDER_MAX_DELAY_MS) return notPlaced(new DomainError('GTT_ORDER_TOO_LATE'));
  // Several GTTs firing on one move would otherwise be denied RISK_ORDER_RATE for a burst that is
  // ours — and, denied under their own client order id, never placed. Paced as signals are.
  const instrument = deps.instrument(alert.instrumentId);
  const messages = instrument ? sliceQuantities(order.quantity, instrument).length : 1;
  await waitForOrderRate(() => deps.orderRateRoom(accountId, instrument?.exchange ?? '', messages));
  try {
    const placed = await deps.orders.submit({ accountId, userId: alert.userId, origin: 'GTT', order: { ...priceAlertOrderSpec(alert.instrumentId, order), clientOrderId } });
    return orderOutcome(placed);
  } catch (error) {
    // INTERNAL is the journal unreachable or the engine stopping (JournalUnavailableError): nothing
    // was placed, and it may well be placed on a retry — not an answer to record for good.
    if (error instanceof DomainError && error.code !== 'INTERNAL') return notPlaced(error);
    throw error;
  }
}
