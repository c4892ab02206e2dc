import type { EngineEvent, EngineEventType } from './events.ts';
import { addPaise, mulPaise, ZERO_PAISE } from './money.ts';
import type { Order, OrderStatus } from './order.ts';

/**
 * The one order state machine. `ALLOWED_FROM` lists, per event, the statuses it may arrive in;
 * `NEW` means the event creates the order. Anything else is an illegal transition, which the engine
 * refuses to journal. Oddities of real venues are legal on purpose and commented.
 */
export const ALLOWED_FROM: Readonly<Record<EngineEventType, 'NEW' | readonly OrderStatus[]>> = {
  OrderSubmitted: 'NEW',
  OrderDenied: 'NEW',
  OrderAccepted: ['SUBMITTED'],
  // A late reject: the broker's RMS accepted, then the exchange refused (OPEN / TRIGGER_PENDING), or
  // the reject raced a modify or cancel request. Never after a fill: a part-filled order is cancelled.
  OrderRejected: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  OrderTriggered: ['TRIGGER_PENDING', 'PENDING_MODIFY'],
  OrderModifyRequested: ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'],
  OrderModified: ['PENDING_MODIFY'],
  OrderModifyRejected: ['PENDING_MODIFY'],
  OrderCancelRequested: ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY'],
  OrderCanceled: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  OrderExpired: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  // Fills may arrive before the accept (fast venues), while a modify/cancel is pending, and even
  // after the cancel was acknowledged or the order expired (the fill crossed it on the wire).
  OrderFilled: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
};

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus | 'NEW',
    readonly eventType: EngineEventType,
  ) {
    super(`illegal order transition: ${eventType} in ${from}`);
    this.name = 'IllegalTransitionError';
  }
}

export function canApply(order: Order | undefined, event: EngineEvent): boolean {
  const allowed = ALLOWED_FROM[event.type];
  if (allowed === 'NEW') return order === undefined;
  if (order === undefined || !allowed.includes(order.status)) return false;
  if (event.type === 'OrderFilled') return order.filledQuantity + event.quantity <= order.quantity;
  return true;
}

/** The status an accepted, unfinished order rests in. */
function workingStatus(order: Order): OrderStatus {
  if (order.filledQuantity > 0) return 'PARTIALLY_FILLED';
  if ((order.type === 'SL' || order.type === 'SL_M') && order.triggeredAt === null) return 'TRIGGER_PENDING';
  return 'OPEN';
}

/** Folds one event into an order. Pure; throws IllegalTransitionError on an illegal event. */
export function applyOrderEvent(order: Order | undefined, event: EngineEvent): Order {
  if (!canApply(order, event)) throw new IllegalTransitionError(order?.status ?? 'NEW', event.type);
  if (event.type === 'OrderSubmitted' || event.type === 'OrderDenied') {
    const denied = event.type === 'OrderDenied';
    return {
      orderId: event.orderId,
      clientOrderId: event.clientOrderId,
      accountId: event.accountId,
      instrumentId: event.spec.instrumentId,
      side: event.spec.side,
      type: event.spec.type,
      product: event.spec.product,
      quantity: event.spec.quantity,
      price: event.spec.price,
      triggerPrice: event.spec.triggerPrice,
      status: denied ? 'DENIED' : 'SUBMITTED',
      filledQuantity: 0,
      filledValue: ZERO_PAISE,
      brokerOrderId: null,
      triggeredAt: null,
      reasonCode: denied ? event.reasonCode : null,
      reasonMessage: denied ? event.reasonMessage : null,
      origin: event.origin ?? 'TERMINAL',
      strategyId: event.strategyId ?? null,
      portfolioId: event.portfolioId ?? null,
      riskLimitsVersion: event.riskLimitsVersion ?? null,
      slice: event.slice ?? null,
      createdAt: event.at,
      updatedAt: event.at,
    };
  }
  const current = order as Order;
  const touched = { ...current, updatedAt: event.at };
  switch (event.type) {
    case 'OrderAccepted':
      return { ...touched, brokerOrderId: event.brokerOrderId, status: workingStatus(touched) };
    case 'OrderRejected':
      return { ...touched, status: 'REJECTED', reasonCode: event.reasonCode, reasonMessage: event.reasonMessage };
    case 'OrderTriggered': {
      const triggered = { ...touched, triggeredAt: event.at };
      return { ...triggered, status: current.status === 'PENDING_MODIFY' ? 'PENDING_MODIFY' : workingStatus(triggered) };
    }
    case 'OrderModifyRequested':
      return { ...touched, status: 'PENDING_MODIFY' };
    case 'OrderModified': {
      const modified = {
        ...touched,
        quantity: event.quantity,
        type: event.orderType,
        price: event.price,
        triggerPrice: event.triggerPrice,
      };
      return { ...modified, status: workingStatus(modified) };
    }
    case 'OrderModifyRejected':
      return { ...touched, status: workingStatus(touched) };
    case 'OrderCancelRequested':
      return { ...touched, status: 'PENDING_CANCEL' };
    case 'OrderCanceled':
      return { ...touched, status: 'CANCELED' };
    case 'OrderExpired':
      return { ...touched, status: 'EXPIRED' };
    case 'OrderFilled': {
      const filledQuantity = current.filledQuantity + event.quantity;
      const filledValue = addPaise(current.filledValue, mulPaise(event.price, event.quantity));
      const filled = { ...touched, filledQuantity, filledValue };
      let status: OrderStatus;
      if (filledQuantity === current.quantity) status = 'FILLED';
      else if (current.status === 'PENDING_MODIFY' || current.status === 'PENDING_CANCEL' || current.status === 'CANCELED' || current.status === 'EXPIRED') {
        status = current.status;
      } else status = 'PARTIALLY_FILLED';
      return { ...filled, status };
    }
  }
}
