import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, paise, type Instrument, type Order } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { ACCOUNT_A, ManualClock, TEST_START, USER_A, createTestDatabase, restingBuyPrice, startTestEngine } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

let database: TestDatabase;
let engine: RunningEngine;
const broker = new ScriptedBroker();
const clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  // Real market hours, so the modify check can meet a closed market.
  engine = await startTestEngine(database, clock, { createBroker: () => broker, env: { MARKET_ALWAYS_OPEN: 'false' } });
});
afterAll(async () => {
  await engine?.close();
  await database?.drop();
});

const future = (): Instrument => {
  const instrument = engine.services.catalog.chains[0]?.future;
  if (!instrument) throw new Error('no NIFTY future');
  return instrument;
};

async function workingOneLot(): Promise<Order> {
  const placedBefore = broker.placed.length;
  const submitted = engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future().id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: future().lotSize, price: restingBuyPrice(engine, future().id), triggerPrice: null },
  });
  const request = await waitUntil(() => broker.placed[placedBefore], { message: 'a placed order' });
  broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${request.clientOrderId}` });
  const order = await submitted;
  expect(order.status).toBe('OPEN');
  return order;
}

const modifyError = (order: Order, quantity: number): Promise<unknown> =>
  engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity } }).then(
    () => null,
    (error: unknown) => error,
  );

describe('orders.modify runs the pre-trade check a new order gets', () => {
  it('refuses a modification with the denial a new order of that shape would carry, before the broker', async () => {
    const order = await workingOneLot();
    const price = paise(order.price! * 2); // far outside the 20% price band around the last price
    const denied = await engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future().id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: future().lotSize, price, triggerPrice: null },
    });
    expect(denied).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_PRICE_BAND' });

    const error = await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, price } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect({ code: (error as DomainError).code, message: (error as DomainError).message }).toEqual({ code: denied.reasonCode, message: denied.reasonMessage });
    expect(broker.modified).toEqual([]);
    expect(engine.services.orders.listOrders(ACCOUNT_A).find((o) => o.orderId === order.orderId)).toMatchObject({ status: 'OPEN', quantity: future().lotSize });
  });

  it('refuses to take one order above the freeze quantity by a modification (a new order would be sliced)', async () => {
    const order = await workingOneLot();
    const error = await modifyError(order, future().freezeQuantity + future().lotSize);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MODIFY_ABOVE_FREEZE_QUANTITY');
    // Sizes in lots, as the trader sized the order; the freeze quantity as NSE states it, in units.
    const { lotSize, freezeQuantity } = future();
    const most = Math.floor(freezeQuantity / lotSize);
    expect((error as DomainError).message).toContain(`takes at most ${most} lots (${(most * lotSize).toLocaleString('en-IN')} units) per order (freeze quantity ${freezeQuantity.toLocaleString('en-IN')})`);
    expect(broker.modified).toEqual([]);
  });

  it('refuses a modification while the market is closed', async () => {
    const order = await workingOneLot();
    const open = clock.time;
    clock.time = Date.UTC(2026, 11, 9, 11, 0); // 16:30 IST, after the close
    try {
      const error = await modifyError(order, future().lotSize * 2);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('MARKET_CLOSED');
      expect(broker.modified).toEqual([]);
    } finally {
      clock.time = open;
    }
  });
});
