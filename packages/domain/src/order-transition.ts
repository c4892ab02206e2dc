import type { EngineEvent, EngineEventOf, EngineEventType } from './events.ts';
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
  // A fill may come before the accept (below); the accept then only brings the broker's order id,
  // which a cancel or modify needs.
  OrderAccepted: ['SUBMITTED', 'PARTIALLY_FILLED'],
  // A late reject: the broker's RMS accepted, then the exchange refused (OPEN / TRIGGER_PENDING), or
  // the reject raced a modify or cancel request. Never after a fill: a part-filled order is cancelled.
  OrderRejected: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  // A stop may trigger while a modify or a cancel is pending (the broker may then refuse the cancel).
  OrderTriggered: ['TRIGGER_PENDING', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  OrderModifyRequested: ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'],
  // Refused by our checks before anything was sent: only where a modify may be requested.
  OrderModifyDenied: ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'],
  // A modify's answer that crossed a cancel request (modify up, then cancel at once): recorded, so
  // fills up to the modified quantity are not refused, and the order stays pending cancel.
  // From FILLED only with a quantity above what is filled: a modify up the exchange applied, whose
  // fills up to the old quantity beat its answer here — the order works on for the rest (below).
  // From a working status only as reconciliation found it in the broker's book: a modify made where
  // we could not see it (the broker's own terminal, an answer given up as not confirmed), adopted.
  OrderModified: ['PENDING_MODIFY', 'PENDING_CANCEL', 'FILLED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'],
  OrderModifyRejected: ['PENDING_MODIFY', 'PENDING_CANCEL'],
  OrderCancelRequested: ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY'],
  // The order works on. A refusal that arrives after the order finished (it filled before the
  // cancel reached the exchange) is no longer news and is not applied.
  OrderCancelRejected: ['PENDING_CANCEL'],
  OrderCanceled: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  OrderExpired: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  // Only once its fills cover its quantity (below): a modify down answered after its fills, a lost cancel answer.
  OrderCompleted: ['PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL'],
  // Fills may arrive before the accept (fast venues), while a modify/cancel is pending, and even
  // after the cancel was acknowledged or the order expired (the fill crossed it on the wire).
  OrderFilled: ['SUBMITTED', 'OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL', 'CANCELED', 'EXPIRED'],
};

/** Where an OrderModified can only be one reconciliation adopted from the broker's book. */
const ADOPTS_BROKER_MODIFY: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: OrderStatus | 'NEW',
    readonly eventType: EngineEventType,
  ) {
    super(`illegal order transition: ${eventType} in ${from}`);
    this.name = 'IllegalTransitionError';
  }
}

const isPositiveInteger = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/**
 * A fill a broker may report: a positive whole quantity at a positive whole price in paise. Checked
 * where fills come in (broker events, reconciliation): a malformed message is refused there rather
 * than folded into positions, or left to throw in the money arithmetic.
 */
export const isWellFormedFill = (fill: { quantity: number; price: number }): boolean => isPositiveInteger(fill.quantity) && isPositiveInteger(fill.price);

export function canApply(order: Order | undefined, event: EngineEvent): boolean {
  const allowed = ALLOWED_FROM[event.type];
  if (allowed === 'NEW') return order === undefined;
  if (order === undefined || !allowed.includes(order.status)) return false;
  // A positive whole quantity, never past the order's (the price is checked where fills are admitted:
  // isWellFormedFill — a journal holding an older fill must still replay).
  if (event.type === 'OrderFilled') return isPositiveInteger(event.quantity) && order.filledQuantity + event.quantity <= order.quantity;
  if (event.type === 'OrderAccepted') return order.brokerOrderId === null;
  if (event.type === 'OrderCompleted') return order.filledQuantity > 0 && order.filledQuantity >= order.quantity;
  if (event.type === 'OrderModified' && order.status === 'FILLED') return event.quantity > order.filledQuantity;
  // A live answer to no modify of ours is not taken (a repeat of an earlier answer would undo a later one).
  if (event.type === 'OrderModified' && ADOPTS_BROKER_MODIFY.has(order.status)) return event.reconciled === true && event.quantity >= order.filledQuantity;
  // PENDING_CANCEL does not say whether the order is a stop still waiting for its trigger.
  if (event.type === 'OrderTriggered' && order.status === 'PENDING_CANCEL') return (order.type === 'SL' || order.type === 'SL_M') && order.triggeredAt === null;
  return true;
}

/** The status an accepted, unfinished order rests in. */
function workingStatus(order: Order): OrderStatus {
  if (order.filledQuantity > 0) return 'PARTIALLY_FILLED';
  if ((order.type === 'SL' || order.type === 'SL_M') && order.triggeredAt === null) return 'TRIGGER_PENDING';
  return 'OPEN';
}

/** The order an OrderSubmitted / OrderDenied event creates. */
function createOrder(event: EngineEventOf<'OrderSubmitted'> | EngineEventOf<'OrderDenied'>): Order {
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
    strategyVersion: event.strategyVersion ?? null,
    portfolioId: event.portfolioId ?? null,
    riskLimitsVersion: event.riskLimitsVersion ?? null,
    slice: event.slice ?? null,
    createdAt: event.at,
    updatedAt: event.at,
  };
}

/**
 * Folds one event into an order in place (a creating event returns the new order). The engine's
 * fold owns its orders and updates them without copying; everyone else uses the pure
 * `applyOrderEvent`. Throws IllegalTransitionError on an illegal event, leaving the order as it was.
 */
export function applyOrderEventInPlace(order: Order | undefined, event: EngineEvent): Order {
  if (!canApply(order, event)) throw new IllegalTransitionError(order?.status ?? 'NEW', event.type);
  if (event.type === 'OrderSubmitted' || event.type === 'OrderDenied') return createOrder(event);
  const next = order as Order;
  const previousStatus = next.status;
  // A modify our checks refused changed nothing at the broker: the order's last change (which
  // reconciliation's in-flight grace counts from) stays where it was.
  if (event.type !== 'OrderModifyDenied') next.updatedAt = event.at;
  switch (event.type) {
    case 'OrderAccepted':
      next.brokerOrderId = event.brokerOrderId;
      next.status = workingStatus(next);
      return next;
    case 'OrderRejected':
      next.status = 'REJECTED';
      next.reasonCode = event.reasonCode;
      next.reasonMessage = event.reasonMessage;
      return next;
    case 'OrderTriggered':
      next.triggeredAt = event.at;
      next.status = previousStatus === 'PENDING_MODIFY' || previousStatus === 'PENDING_CANCEL' ? previousStatus : workingStatus(next);
      return next;
    case 'OrderModifyRequested':
      next.status = 'PENDING_MODIFY';
      // The order now stands on the limits its modify was checked against.
      if (event.riskLimitsVersion !== undefined) next.riskLimitsVersion = event.riskLimitsVersion;
      return next;
    case 'OrderModifyDenied':
      // The order is as it was; the refusal is shown with it, as a refused cancel's reason is.
      next.reasonCode = event.reasonCode;
      next.reasonMessage = event.reasonMessage;
      return next;
    case 'OrderModified':
      // Never below what is filled, whatever the broker says (a modify down the exchange then refused).
      next.quantity = Math.max(event.quantity, next.filledQuantity);
      next.type = event.orderType;
      next.price = event.price;
      next.triggerPrice = event.triggerPrice;
      next.status = previousStatus === 'PENDING_CANCEL' ? 'PENDING_CANCEL' : workingStatus(next);
      // The order now stands as modified: an earlier refusal's reason (of a modify, of a cancel) is past.
      next.reasonCode = null;
      next.reasonMessage = null;
      return next;
    case 'OrderModifyRejected':
      next.status = previousStatus === 'PENDING_CANCEL' ? 'PENDING_CANCEL' : workingStatus(next);
      // Shown with the order, so the trader sees why it still works as it was.
      next.reasonCode = event.reasonCode;
      next.reasonMessage = event.reasonMessage;
      return next;
    case 'OrderCancelRequested':
      next.status = 'PENDING_CANCEL';
      return next;
    case 'OrderCancelRejected':
      // Shown with the order (as a rejection's reason is) so the trader sees why it still works.
      next.status = event.modifyPending ? 'PENDING_MODIFY' : workingStatus(next);
      next.reasonCode = event.reasonCode;
      next.reasonMessage = event.reasonMessage;
      return next;
    case 'OrderCanceled':
      next.status = 'CANCELED';
      return finished(next);
    case 'OrderExpired':
      next.status = 'EXPIRED';
      return finished(next);
    case 'OrderCompleted':
      next.status = 'FILLED';
      return finished(next);
    case 'OrderFilled': {
      next.filledValue = addPaise(next.filledValue, mulPaise(event.price, event.quantity));
      next.filledQuantity += event.quantity;
      if (next.filledQuantity === next.quantity) next.status = 'FILLED';
      else if (previousStatus === 'PENDING_MODIFY' || previousStatus === 'PENDING_CANCEL' || previousStatus === 'CANCELED' || previousStatus === 'EXPIRED') {
        next.status = previousStatus;
      } else next.status = 'PARTIALLY_FILLED';
      return next.status === 'FILLED' ? finished(next) : next;
    }
  }
}

/**
 * An order that ended filled, cancelled or expired: a refused modify's or cancel's reason no longer
 * explains its status (the reason column would read "modify refused" on a FILLED order).
 */
function finished(order: Order): Order {
  order.reasonCode = null;
  order.reasonMessage = null;
  return order;
}

/** Folds one event into an order. Pure: returns a new order; throws IllegalTransitionError on an illegal event. */
export function applyOrderEvent(order: Order | undefined, event: EngineEvent): Order {
  if (!canApply(order, event)) throw new IllegalTransitionError(order?.status ?? 'NEW', event.type);
  return applyOrderEventInPlace(order === undefined ? undefined : { ...order }, event);
}
