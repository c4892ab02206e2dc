import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, paise, type EngineEventOf } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { acceptRequest, fillRequest, scriptedBrokerOrderId, submitToScripted } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, ACCOUNT_B, USER_A, restingBuyPrice } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('an order\'s history', () => {
  it('lists every journaled event of the order with the status it left, a modify our checks refused included', async () => {
    const { engine, broker } = await startScriptedEngine(cleanups);
    const future = engine.services.catalog.chains[0]!.future;
    const price = restingBuyPrice(engine, future.id);
    const { submitted, request } = await submitToScripted(engine, broker, { order: { type: 'LIMIT', price } });
    acceptRequest(broker, request);
    const { orderId } = await submitted;

    // Twice the price is far outside the 20% band: refused before the broker, and kept.
    const refusal = await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId, price: paise(price * 2) } }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('RISK_PRICE_BAND');
    expect(broker.modified).toEqual([]);
    expect(engine.services.state.order(orderId)).toMatchObject({ status: 'OPEN', price, reasonCode: 'RISK_PRICE_BAND', reasonMessage: (refusal as DomainError).message });

    // A modify that passes goes out; once the broker applies it the refusal's reason is past.
    const lower = paise(price - future.tickSize);
    const modified = engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId, price: lower } });
    const sent = await waitUntil(() => broker.modified[0], { message: 'the modify reached the broker' });
    broker.emit({ kind: 'modified', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, brokerOrderId: scriptedBrokerOrderId(request), type: 'LIMIT', quantity: sent.quantity, price: lower, triggerPrice: null });
    expect(await modified).toMatchObject({ status: 'OPEN', price: lower, reasonCode: null, reasonMessage: null });
    fillRequest(broker, request, request.quantity);
    await waitUntil(() => (engine.services.state.order(orderId)?.status === 'FILLED' ? true : undefined), { message: 'filled' });

    const history = await engine.services.orderHistory.read({ accountId: ACCOUNT_A, orderId });
    expect(history.order).toMatchObject({ orderId, status: 'FILLED', filledQuantity: request.quantity });
    expect(history.entries.map((entry) => [entry.event.type, entry.status, entry.filledQuantity])).toEqual([
      ['OrderSubmitted', 'SUBMITTED', 0],
      ['OrderAccepted', 'OPEN', 0],
      ['OrderModifyDenied', 'OPEN', 0],
      ['OrderModifyRequested', 'PENDING_MODIFY', 0],
      ['OrderModified', 'OPEN', 0],
      ['OrderFilled', 'FILLED', request.quantity],
    ]);
    const denied = history.entries[2]?.event as EngineEventOf<'OrderModifyDenied'>;
    expect(denied).toMatchObject({ price: price * 2, quantity: request.quantity, orderType: 'LIMIT', reasonCode: 'RISK_PRICE_BAND' });
    expect(history.entries.map((entry) => entry.seq)).toEqual([...history.entries.map((entry) => entry.seq)].sort((a, b) => a - b));
  });

  it('is not shown to another account: the order is reported as not found', async () => {
    const { engine, broker } = await startScriptedEngine(cleanups);
    const { submitted, request } = await submitToScripted(engine, broker, { order: {} });
    acceptRequest(broker, request);
    const { orderId } = await submitted;
    const error = await engine.services.orderHistory.read({ accountId: ACCOUNT_B, orderId }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('ORDER_NOT_FOUND');
  });
});
