import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineEventType } from './events.ts';
import { asAccountId, asClientOrderId, asInstrumentId, asOrderId, asTradeId, asUserId } from './ids.ts';
import { paise } from './money.ts';
import { ORDER_STATUSES, type Order, type OrderStatus, type OrderType } from './order.ts';
import { applyOrderEvent, canApply, IllegalTransitionError, isWellFormedFill } from './order-transition.ts';

const accountId = asAccountId('0b6f7a4e-1c1d-4f7e-9a55-2f4d3c2b1a00');
const orderId = asOrderId('o-1');
const at = 1_700_000_000_000;

function event(type: EngineEventType, extra: Record<string, unknown> = {}, orderType: OrderType = 'LIMIT'): EngineEvent {
  const base = { accountId, orderId, at };
  const spec = {
    instrumentId: asInstrumentId('NFO:NIFTY26DECFUT'),
    side: 'BUY' as const,
    type: orderType,
    product: 'NRML' as const,
    quantity: 130,
    price: orderType === 'MARKET' || orderType === 'SL_M' ? null : paise(10_000),
    triggerPrice: orderType === 'SL' || orderType === 'SL_M' ? paise(9_900) : null,
  };
  const byType: Record<EngineEventType, EngineEvent> = {
    OrderSubmitted: { type: 'OrderSubmitted', ...base, clientOrderId: asClientOrderId('c1'), userId: asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f'), spec },
    OrderDenied: { type: 'OrderDenied', ...base, clientOrderId: asClientOrderId('c1'), userId: asUserId('5d1c4b8e-9a2f-4c3b-8e7d-6a5b4c3d2e1f'), spec, reasonCode: 'X', reasonMessage: 'x' },
    OrderAccepted: { type: 'OrderAccepted', ...base, brokerOrderId: 'B1' },
    OrderRejected: { type: 'OrderRejected', ...base, reasonCode: 'R', reasonMessage: 'r' },
    OrderTriggered: { type: 'OrderTriggered', ...base },
    OrderModifyRequested: { type: 'OrderModifyRequested', ...base, quantity: 130, orderType, price: spec.price, triggerPrice: spec.triggerPrice },
    OrderModifyDenied: { type: 'OrderModifyDenied', ...base, quantity: 260, orderType, price: spec.price, triggerPrice: spec.triggerPrice, reasonCode: 'D', reasonMessage: 'd' },
    OrderModified: { type: 'OrderModified', ...base, quantity: 130, orderType, price: spec.price, triggerPrice: spec.triggerPrice },
    OrderModifyRejected: { type: 'OrderModifyRejected', ...base, reasonCode: 'M', reasonMessage: 'm' },
    OrderCancelRequested: { type: 'OrderCancelRequested', ...base },
    OrderCancelRejected: { type: 'OrderCancelRejected', ...base, reasonCode: 'C', reasonMessage: 'c', modifyPending: false },
    OrderCanceled: { type: 'OrderCanceled', ...base },
    OrderExpired: { type: 'OrderExpired', ...base },
    OrderCompleted: { type: 'OrderCompleted', ...base },
    OrderFilled: { type: 'OrderFilled', ...base, tradeId: asTradeId('t1'), quantity: 65, price: paise(10_000) },
  };
  return { ...byType[type], ...extra } as EngineEvent;
}

/** Drives an order into a status through legal events only. */
function orderIn(status: OrderStatus, orderType: OrderType = 'LIMIT'): Order {
  const fold = (types: EngineEventType[], extra: Record<string, unknown>[] = []) =>
    types.reduce<Order | undefined>((order, type, index) => applyOrderEvent(order, event(type, extra[index] ?? {}, orderType)), undefined)!;
  const paths: Record<OrderStatus, () => Order> = {
    SUBMITTED: () => fold(['OrderSubmitted']),
    DENIED: () => fold(['OrderDenied']),
    OPEN: () => fold(['OrderSubmitted', 'OrderAccepted']),
    TRIGGER_PENDING: () => orderInType('SL', ['OrderSubmitted', 'OrderAccepted']),
    PENDING_MODIFY: () => fold(['OrderSubmitted', 'OrderAccepted', 'OrderModifyRequested']),
    PENDING_CANCEL: () => fold(['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested']),
    PARTIALLY_FILLED: () => fold(['OrderSubmitted', 'OrderAccepted', 'OrderFilled']),
    FILLED: () => fold(['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled'], [{}, {}, {}, { tradeId: asTradeId('t2') }]),
    CANCELED: () => fold(['OrderSubmitted', 'OrderAccepted', 'OrderCanceled']),
    REJECTED: () => fold(['OrderSubmitted', 'OrderRejected']),
    EXPIRED: () => fold(['OrderSubmitted', 'OrderAccepted', 'OrderExpired']),
  };
  return paths[status]();
}
function orderInType(orderType: OrderType, types: EngineEventType[]): Order {
  return types.reduce<Order | undefined>((order, type) => applyOrderEvent(order, event(type, {}, orderType)), undefined)!;
}

// Every legal row, written out by hand: [from, event, resulting status]. A partial fill is 65 of 130.
const LEGAL: ReadonlyArray<[OrderStatus | 'NEW', EngineEventType, OrderStatus]> = [
  ['NEW', 'OrderSubmitted', 'SUBMITTED'],
  ['NEW', 'OrderDenied', 'DENIED'],
  ['SUBMITTED', 'OrderAccepted', 'OPEN'],
  ['SUBMITTED', 'OrderRejected', 'REJECTED'],
  ['SUBMITTED', 'OrderCanceled', 'CANCELED'],
  ['SUBMITTED', 'OrderFilled', 'PARTIALLY_FILLED'], // fill before the accept
  ['SUBMITTED', 'OrderExpired', 'EXPIRED'],
  ['OPEN', 'OrderModifyRequested', 'PENDING_MODIFY'],
  ['OPEN', 'OrderModifyDenied', 'OPEN'], // refused by our checks: nothing was sent
  ['OPEN', 'OrderCancelRequested', 'PENDING_CANCEL'],
  ['OPEN', 'OrderCanceled', 'CANCELED'],
  ['OPEN', 'OrderFilled', 'PARTIALLY_FILLED'],
  ['OPEN', 'OrderRejected', 'REJECTED'], // RMS accepted, then the exchange refused (late reject)
  ['OPEN', 'OrderExpired', 'EXPIRED'],
  ['TRIGGER_PENDING', 'OrderTriggered', 'OPEN'],
  ['TRIGGER_PENDING', 'OrderModifyRequested', 'PENDING_MODIFY'],
  ['TRIGGER_PENDING', 'OrderModifyDenied', 'TRIGGER_PENDING'], // refused by our checks: nothing was sent
  ['TRIGGER_PENDING', 'OrderCancelRequested', 'PENDING_CANCEL'],
  ['TRIGGER_PENDING', 'OrderCanceled', 'CANCELED'],
  ['TRIGGER_PENDING', 'OrderFilled', 'PARTIALLY_FILLED'],
  ['TRIGGER_PENDING', 'OrderRejected', 'REJECTED'],
  ['TRIGGER_PENDING', 'OrderExpired', 'EXPIRED'],
  ['PENDING_MODIFY', 'OrderModified', 'OPEN'],
  ['PENDING_MODIFY', 'OrderModifyRejected', 'OPEN'],
  ['PENDING_MODIFY', 'OrderCancelRequested', 'PENDING_CANCEL'],
  ['PENDING_MODIFY', 'OrderCanceled', 'CANCELED'],
  ['PENDING_MODIFY', 'OrderFilled', 'PENDING_MODIFY'], // a modify racing a fill
  ['PENDING_MODIFY', 'OrderRejected', 'REJECTED'], // late reject
  ['PENDING_MODIFY', 'OrderTriggered', 'PENDING_MODIFY'],
  ['PENDING_MODIFY', 'OrderExpired', 'EXPIRED'],
  ['PENDING_CANCEL', 'OrderCanceled', 'CANCELED'],
  ['PENDING_CANCEL', 'OrderCancelRejected', 'OPEN'], // the broker refused the cancel: the order works on
  ['PENDING_CANCEL', 'OrderModified', 'PENDING_CANCEL'], // the modify's answer crossed the cancel request
  ['PENDING_CANCEL', 'OrderModifyRejected', 'PENDING_CANCEL'],
  ['PENDING_CANCEL', 'OrderFilled', 'PENDING_CANCEL'],
  ['PENDING_CANCEL', 'OrderRejected', 'REJECTED'],
  ['PENDING_CANCEL', 'OrderExpired', 'EXPIRED'],
  ['PARTIALLY_FILLED', 'OrderFilled', 'FILLED'],
  ['PARTIALLY_FILLED', 'OrderModifyRequested', 'PENDING_MODIFY'],
  ['PARTIALLY_FILLED', 'OrderModifyDenied', 'PARTIALLY_FILLED'], // refused by our checks: nothing was sent
  ['PARTIALLY_FILLED', 'OrderCancelRequested', 'PENDING_CANCEL'],
  ['PARTIALLY_FILLED', 'OrderCanceled', 'CANCELED'],
  ['PARTIALLY_FILLED', 'OrderExpired', 'EXPIRED'],
  ['CANCELED', 'OrderFilled', 'CANCELED'], // a fill that crossed the cancel acknowledgement
  ['EXPIRED', 'OrderFilled', 'EXPIRED'], // a fill that crossed the expiry
];

const EVENT_TYPES: EngineEventType[] = [
  'OrderSubmitted', 'OrderDenied', 'OrderAccepted', 'OrderRejected', 'OrderTriggered', 'OrderModifyRequested', 'OrderModifyDenied',
  'OrderModified', 'OrderModifyRejected', 'OrderCancelRequested', 'OrderCancelRejected', 'OrderCanceled', 'OrderExpired', 'OrderCompleted', 'OrderFilled',
];

describe('order transition table', () => {
  it.each(LEGAL)('%s + %s → %s', (from, type, to) => {
    const order = from === 'NEW' ? undefined : from === 'TRIGGER_PENDING' ? orderInType('SL', ['OrderSubmitted', 'OrderAccepted']) : orderIn(from);
    const orderType = order?.type ?? 'LIMIT';
    expect(applyOrderEvent(order, event(type, {}, orderType)).status).toBe(to);
  });

  it('refuses every pair that is not a legal row', () => {
    const legal = new Set(LEGAL.map(([from, type]) => `${from}|${type}`));
    const statuses: Array<OrderStatus | 'NEW'> = ['NEW', ...ORDER_STATUSES];
    let refused = 0;
    for (const from of statuses) {
      for (const type of EVENT_TYPES) {
        if (legal.has(`${from}|${type}`)) continue;
        const order = from === 'NEW' ? undefined : orderIn(from);
        expect(canApply(order, event(type, {}, order?.type ?? 'LIMIT')), `${from} + ${type}`).toBe(false);
        expect(() => applyOrderEvent(order, event(type, {}, order?.type ?? 'LIMIT'))).toThrow(IllegalTransitionError);
        refused += 1;
      }
    }
    expect(refused).toBe(statuses.length * EVENT_TYPES.length - LEGAL.length);
  });

  it('keeps a working order as it was when our checks refuse its modify, with the refusal as its reason', () => {
    const working = orderIn('PARTIALLY_FILLED');
    const refused = applyOrderEvent(working, event('OrderModifyDenied', { reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'The price is more than 20% from the last price.' }));
    expect(refused).toEqual({ ...working, reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'The price is more than 20% from the last price.' });
  });

  it('takes a modify of a working order only as reconciliation adopted it from the broker\'s book, never below the filled quantity', () => {
    for (const status of ['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED'] as const) {
      const working = status === 'TRIGGER_PENDING' ? orderInType('SL', ['OrderSubmitted', 'OrderAccepted']) : orderIn(status);
      expect(canApply(working, event('OrderModified', {}, working.type)), `${status}, live`).toBe(false);
      expect(canApply(working, event('OrderModified', { reconciled: true }, working.type)), `${status}, reconciled`).toBe(true);
    }
    const part = orderIn('PARTIALLY_FILLED'); // 65 of 130 filled
    expect(canApply(part, event('OrderModified', { reconciled: true, quantity: 60 }))).toBe(false);
    const done = applyOrderEvent(applyOrderEvent(part, event('OrderModified', { reconciled: true, quantity: 65 })), event('OrderCompleted'));
    expect(done).toMatchObject({ status: 'FILLED', quantity: 65, filledQuantity: 65 });
    const repriced = applyOrderEvent(orderIn('OPEN'), event('OrderModified', { reconciled: true, quantity: 195, price: paise(10_500) }));
    expect(repriced).toMatchObject({ status: 'OPEN', quantity: 195, price: 10_500 });
  });

  it('drops a refusal\'s reason once the order ends filled, cancelled or expired; a refused modify leaves updatedAt alone', () => {
    const refused = applyOrderEvent(orderIn('OPEN'), event('OrderModifyDenied', { at: 99_999, reasonCode: 'RISK_PRICE_BAND', reasonMessage: 'far' }));
    expect(refused).toMatchObject({ reasonCode: 'RISK_PRICE_BAND', updatedAt: orderIn('OPEN').updatedAt });
    for (const end of ['OrderCanceled', 'OrderExpired'] as const) expect(applyOrderEvent(refused, event(end))).toMatchObject({ reasonCode: null, reasonMessage: null });
    const filled = applyOrderEvent(applyOrderEvent(refused, event('OrderFilled')), event('OrderFilled', { tradeId: asTradeId('t2') }));
    expect(filled).toMatchObject({ status: 'FILLED', reasonCode: null });
    expect(applyOrderEvent(refused, event('OrderFilled'))).toMatchObject({ status: 'PARTIALLY_FILLED', reasonCode: 'RISK_PRICE_BAND' });
    // A broker's rejection is the reason the order ended: kept.
    expect(applyOrderEvent(orderIn('OPEN'), event('OrderRejected'))).toMatchObject({ status: 'REJECTED', reasonCode: 'R' });
  });

  it('shows why a modify failed with the order until a modify goes through', () => {
    const rejected = applyOrderEvent(orderIn('PENDING_MODIFY'), event('OrderModifyRejected', { reasonCode: 'BROKER_REJECTED', reasonMessage: 'Order cannot be modified.' }));
    expect(rejected).toMatchObject({ status: 'OPEN', reasonCode: 'BROKER_REJECTED', reasonMessage: 'Order cannot be modified.' });
    const modified = applyOrderEvent(applyOrderEvent(rejected, event('OrderModifyRequested')), event('OrderModified'));
    expect(modified).toMatchObject({ status: 'OPEN', reasonCode: null, reasonMessage: null });
  });

  it('takes the accept that follows a fill (fill first, from a fast venue): the broker id arrives, the status stays', () => {
    const filledFirst = applyOrderEvent(applyOrderEvent(undefined, event('OrderSubmitted')), event('OrderFilled'));
    expect(filledFirst).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: null, filledQuantity: 65 });
    const accepted = applyOrderEvent(filledFirst, event('OrderAccepted'));
    expect(accepted).toMatchObject({ status: 'PARTIALLY_FILLED', brokerOrderId: 'B1', filledQuantity: 65 });
    // A second accept (another id) for an order that has one is not news.
    expect(canApply(accepted, event('OrderAccepted', { brokerOrderId: 'B2' }))).toBe(false);
  });

  it('a modify answered after a cancel was requested changes the order and leaves it pending cancel', () => {
    const pendingCancel = applyOrderEvent(orderIn('PENDING_MODIFY'), event('OrderCancelRequested'));
    const modified = applyOrderEvent(pendingCancel, event('OrderModified', { quantity: 260 }));
    expect(modified).toMatchObject({ status: 'PENDING_CANCEL', quantity: 260 });
    // Fills up to the new quantity now count.
    expect(applyOrderEvent(modified, event('OrderFilled', { quantity: 195 })).filledQuantity).toBe(195);
  });

  it('a refused cancel returns the order to where it worked, with the broker\'s reason, or to its pending modify', () => {
    const refused = { reasonCode: 'BROKER_CANCEL_REJECTED', reasonMessage: 'Order cannot be cancelled as it is being processed.' };
    const partial = applyOrderEvent(applyOrderEvent(orderIn('PARTIALLY_FILLED'), event('OrderCancelRequested')), event('OrderCancelRejected', refused));
    expect(partial).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 65, ...refused });
    const stop = applyOrderEvent(orderInType('SL', ['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested']), event('OrderCancelRejected', refused, 'SL'));
    expect(stop.status).toBe('TRIGGER_PENDING');
    // Modify, then cancel before the modify's answer, then the cancel is refused: the modify is still owed an answer.
    // A stop that triggered while the cancel was pending (the usual reason for "being processed") comes back triggered.
    const pendingStop = orderInType('SL', ['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested']);
    expect(canApply(orderIn('PENDING_CANCEL'), event('OrderTriggered'))).toBe(false); // a LIMIT order has no trigger
    const triggered = applyOrderEvent(pendingStop, event('OrderTriggered', {}, 'SL'));
    expect(triggered).toMatchObject({ status: 'PENDING_CANCEL', triggeredAt: at });
    expect(canApply(triggered, event('OrderTriggered', {}, 'SL'))).toBe(false); // once
    expect(applyOrderEvent(triggered, event('OrderCancelRejected', refused, 'SL')).status).toBe('OPEN');
    const modifying = applyOrderEvent(applyOrderEvent(orderIn('PENDING_MODIFY'), event('OrderCancelRequested')), event('OrderCancelRejected', { ...refused, modifyPending: true }));
    expect(modifying.status).toBe('PENDING_MODIFY');
    expect(applyOrderEvent(modifying, event('OrderModified', { quantity: 260 }))).toMatchObject({ status: 'OPEN', quantity: 260 });
  });

  it('OrderCompleted ends an order whose fills cover its quantity — a modify down answered after its fills — and only such an order', () => {
    // 130, 65 filled, then a modify down to 65 that the exchange applied (and the rest filled) before its answer came.
    const modifying = applyOrderEvent(orderIn('PARTIALLY_FILLED'), event('OrderModifyRequested', { quantity: 65 }));
    const answered = applyOrderEvent(modifying, event('OrderModified', { quantity: 65 }));
    expect(answered).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 65, quantity: 65 });
    expect(applyOrderEvent(answered, event('OrderCompleted'))).toMatchObject({ status: 'FILLED', filledQuantity: 65 });
    // Pending a modify or a cancel whose answer was lost: the same.
    const pendingModify = applyOrderEvent(answered, event('OrderModifyRequested', { quantity: 65 }));
    expect(applyOrderEvent(pendingModify, event('OrderCompleted')).status).toBe('FILLED');
    const pendingCancel = applyOrderEvent(answered, event('OrderCancelRequested'));
    expect(applyOrderEvent(pendingCancel, event('OrderCompleted')).status).toBe('FILLED');
    // Never while fills are short of the quantity, nor on an order already finished.
    for (const status of ['PARTIALLY_FILLED', 'PENDING_MODIFY', 'PENDING_CANCEL', 'OPEN', 'FILLED'] as const) expect(canApply(orderIn(status), event('OrderCompleted')), status).toBe(false);
  });

  it('a modify up answered after fills reached the old quantity re-opens the order for the rest; never below what is filled', () => {
    const modifying = applyOrderEvent(orderIn('OPEN'), event('OrderModifyRequested', { quantity: 260 }));
    const filled = applyOrderEvent(modifying, event('OrderFilled', { quantity: 130 }));
    expect(filled.status).toBe('FILLED'); // as it always was: the answer may never come
    const reopened = applyOrderEvent(filled, event('OrderModified', { quantity: 260 }));
    expect(reopened).toMatchObject({ status: 'PARTIALLY_FILLED', quantity: 260, filledQuantity: 130 });
    expect(applyOrderEvent(reopened, event('OrderFilled', { quantity: 130, tradeId: asTradeId('t2') })).status).toBe('FILLED');
    // A modify that leaves nothing more to fill does not re-open a filled order.
    expect(canApply(filled, event('OrderModified', { quantity: 130 }))).toBe(false);
    // A modify answered below what is filled (the exchange then refused it) keeps the filled quantity.
    const part = applyOrderEvent(applyOrderEvent(orderIn('PARTIALLY_FILLED'), event('OrderModifyRequested', { quantity: 65 })), event('OrderModified', { quantity: 60 }));
    expect(part).toMatchObject({ quantity: 65, filledQuantity: 65 });
  });

  it('never fills more than the order quantity', () => {
    const full = orderIn('FILLED');
    expect(full.filledQuantity).toBe(130);
    const partial = orderIn('PARTIALLY_FILLED');
    expect(() => applyOrderEvent(partial, event('OrderFilled', { quantity: 130 }))).toThrow(IllegalTransitionError);
  });

  it('refuses a fill that is not a positive whole quantity; a malformed price is refused where fills come in', () => {
    const open = orderIn('OPEN');
    for (const quantity of [0, -65, 32.5, Number.NaN]) {
      expect(canApply(open, event('OrderFilled', { quantity })), String(quantity)).toBe(false);
      expect(() => applyOrderEvent(open, event('OrderFilled', { quantity }))).toThrow(IllegalTransitionError);
      expect(isWellFormedFill({ quantity, price: paise(100) })).toBe(false);
    }
    for (const price of [0, -5, 100.5, Number.NaN]) expect(isWellFormedFill({ quantity: 65, price }), String(price)).toBe(false);
    expect(isWellFormedFill({ quantity: 65, price: paise(5) })).toBe(true);
    expect(canApply(open, event('OrderFilled', { quantity: 65, price: paise(5) }))).toBe(true);
  });

  it('keeps exact fill value and returns a triggered SL to OPEN after a modify', () => {
    const filled = applyOrderEvent(orderIn('OPEN'), event('OrderFilled', { quantity: 65, price: paise(10_005) }));
    expect(filled.filledValue).toBe(65 * 10_005);
    let stop = orderInType('SL', ['OrderSubmitted', 'OrderAccepted', 'OrderTriggered', 'OrderModifyRequested']);
    stop = applyOrderEvent(stop, event('OrderModified', {}, 'SL'));
    expect(stop.status).toBe('OPEN');
    expect(stop.triggeredAt).toBe(at);
  });
});
