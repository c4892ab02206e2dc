import type { EngineEvent, Order } from '@strikedesk/domain';
import type { BrokerEvent, BrokerOrderRequest, BrokerWorkingOrder } from '../brokers/broker.ts';

/** Broker outcome → journal event (past tense, one per concept). */
export function toEngineEvent(event: BrokerEvent, at: number): EngineEvent {
  const base = { accountId: event.accountId, orderId: event.orderId, at };
  switch (event.kind) {
    case 'accepted':
      return { type: 'OrderAccepted', ...base, brokerOrderId: event.brokerOrderId };
    case 'rejected':
      return { type: 'OrderRejected', ...base, reasonCode: event.reasonCode, reasonMessage: event.reasonMessage };
    case 'triggered':
      return { type: 'OrderTriggered', ...base };
    case 'filled':
      return { type: 'OrderFilled', ...base, tradeId: event.tradeId, quantity: event.quantity, price: event.price };
    case 'modified':
      return { type: 'OrderModified', ...base, quantity: event.quantity, orderType: event.type, price: event.price, triggerPrice: event.triggerPrice };
    case 'modifyRejected':
      return { type: 'OrderModifyRejected', ...base, reasonCode: event.reasonCode, reasonMessage: event.reasonMessage };
    case 'canceled':
      return { type: 'OrderCanceled', ...base };
  }
}

export function toOrderRequest(order: Order): BrokerOrderRequest {
  return {
    orderId: order.orderId,
    accountId: order.accountId,
    clientOrderId: order.clientOrderId,
    instrumentId: order.instrumentId,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    price: order.price,
    triggerPrice: order.triggerPrice,
  };
}

export function toWorkingOrder(order: Order): BrokerWorkingOrder {
  return {
    ...toOrderRequest(order),
    brokerOrderId: order.brokerOrderId ?? '',
    filledQuantity: order.filledQuantity,
    triggered: order.triggeredAt !== null,
  };
}
