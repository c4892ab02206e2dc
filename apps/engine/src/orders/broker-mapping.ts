import type { EngineEvent, Order } from '@strikedesk/domain';
import type { BrokerEvent, BrokerOrderRequest, BrokerPosition, BrokerResumeState } from '../brokers/broker.ts';

/**
 * Broker outcome → journal event for our order (past tense, one per concept). `modifyPending`: a
 * modify of the order is still unanswered (a refused cancel returns the order to it).
 */
export function toEngineEvent(event: BrokerEvent, order: Order, at: number, modifyPending = false): EngineEvent {
  const base = { accountId: order.accountId, orderId: order.orderId, at };
  switch (event.kind) {
    case 'accepted':
      return { type: 'OrderAccepted', ...base, brokerOrderId: event.brokerOrderId };
    case 'rejected':
      return { type: 'OrderRejected', ...base, reasonCode: event.reasonCode, reasonMessage: event.reasonMessage };
    case 'triggered':
      return { type: 'OrderTriggered', ...base };
    case 'filled':
      return { type: 'OrderFilled', ...base, tradeId: event.tradeId, quantity: event.quantity, price: event.price, ...(event.executedAt !== at ? { executedAt: event.executedAt } : {}) };
    case 'modified':
      return { type: 'OrderModified', ...base, quantity: event.quantity, orderType: event.type, price: event.price, triggerPrice: event.triggerPrice };
    case 'modifyRejected':
      return { type: 'OrderModifyRejected', ...base, reasonCode: event.reasonCode, reasonMessage: event.reasonMessage };
    case 'cancelRejected':
      return { type: 'OrderCancelRejected', ...base, reasonCode: event.reasonCode, reasonMessage: event.reasonMessage, modifyPending };
    case 'canceled':
      return { type: 'OrderCanceled', ...base };
    case 'expired':
      return { type: 'OrderExpired', ...base };
  }
}

export function toOrderRequest(order: Order): BrokerOrderRequest {
  return {
    accountId: order.accountId,
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    product: order.product,
    quantity: order.quantity,
    price: order.price,
    triggerPrice: order.triggerPrice,
  };
}

export type ResumeSource = {
  openOrders(): Order[];
  knownBrokerOrderIds(): string[];
  knownTradeIds(): string[];
  netPositions(): BrokerPosition[];
  /** Whether the session an open order worked in has closed (absent: none has). */
  sessionEnded?(order: Order): boolean;
};

/** What an in-process venue needs to carry on after a restart (see Broker.resume). */
export function toResumeState(source: ResumeSource): BrokerResumeState {
  return {
    workingOrders: source
      .openOrders()
      .filter((order) => order.brokerOrderId !== null && order.status !== 'SUBMITTED')
      .map((order) => ({
        ...toOrderRequest(order),
        brokerOrderId: order.brokerOrderId ?? '',
        filledQuantity: order.filledQuantity,
        triggered: order.triggeredAt !== null,
        ...(source.sessionEnded?.(order) ? { sessionEnded: true } : {}),
      })),
    positions: source.netPositions(),
    knownBrokerOrderIds: source.knownBrokerOrderIds(),
    knownTradeIds: source.knownTradeIds(),
  };
}
