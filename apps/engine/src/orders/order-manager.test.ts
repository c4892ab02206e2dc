import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOrderEvent, asClientOrderId, asInstrumentId, asOrderId, paise, DomainError, mulPaise, type Instrument, type Order, type PlaceOrderInput } from '@strikedesk/domain';
import { createJournal, createPool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { FaultyJournal, hasEventType } from '../testing/faulty-journal.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, USER_A, USER_B, createTestDatabase, startTestEngine } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

let database: TestDatabase;
let engine: RunningEngine;
let clock: ManualClock;
let journal: FaultyJournal | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock(TEST_START);
  engine = await startTestEngine(database, clock, { wrapJournal: (real) => (journal = new FaultyJournal(real)) });
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
const atmCall = (): Instrument => {
  const series = engine.services.catalog.chains[0]?.expiries[0];
  const row = series?.strikes[Math.floor(series.strikes.length / 2)];
  if (!row) throw new Error('no ATM strike');
  return row.call;
};
const quote = (instrument: Instrument) => {
  const tick = engine.services.market.latest(instrument.id);
  if (!tick?.bid || !tick.ask) throw new Error('no quote');
  return { bid: tick.bid, ask: tick.ask };
};

// The clock moves 150 ms per order, as a trader's clicks would: the engine's order-rate limit
// (10 per second per segment) is measured on it.
const submit = (order: Partial<PlaceOrderInput> & Pick<PlaceOrderInput, 'instrumentId'>, account = ACCOUNT_A, user = USER_A): Promise<Order> => {
  clock.advance(150);
  return engine.services.orders.submit({
    accountId: account,
    userId: user,
    origin: 'TERMINAL',
    order: { side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null, ...order },
  });
};
const positions = (account = ACCOUNT_A) => engine.services.orders.listPositions(account);
const orderOf = (orderId: string): Order | undefined =>
  engine.services.orders.listOrders(ACCOUNT_A).find((order) => order.orderId === orderId);
const expectDomainError = async (promise: Promise<unknown>, code: string): Promise<void> => {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
};
const allRecords = async () => {
  const pool = createPool(database.url);
  try {
    return await createJournal(pool).readAfter(0, 100_000);
  } finally {
    await pool.end();
  }
};

describe('OrderManager submit', () => {
  it('submits a market order that is accepted and filled at the ask, and opens a position', async () => {
    const instrument = future();
    const { ask } = quote(instrument);
    // The paper broker accepts and fills at once; submit returns after both are journaled.
    const filled = await submit({ instrumentId: instrument.id, quantity: 130 });
    expect(filled.status).toBe('FILLED');
    const submitted = filled;
    expect(filled.brokerOrderId).toMatch(/^PB-\d+$/);
    expect(filled.filledQuantity).toBe(130);
    expect(filled.filledValue).toBe(mulPaise(ask, 130));
    const position = positions().find((p) => p.instrumentId === instrument.id);
    expect(position?.netQuantity).toBe(130);
    expect(position?.openCost).toBe(mulPaise(ask, 130));
    const types = (await allRecords()).filter((r) => r.event.orderId === submitted.orderId).map((r) => r.event.type);
    expect(types).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled']);
  });

  it('is idempotent on clientOrderId: the same order back and one creating event', async () => {
    const instrument = atmCall();
    const first = await submit({ instrumentId: instrument.id, type: 'LIMIT', price: quote(instrument).bid, clientOrderId: asClientOrderId('idem-1') });
    const second = await submit({ instrumentId: instrument.id, quantity: 650, clientOrderId: asClientOrderId('idem-1') });
    expect(second.orderId).toBe(first.orderId);
    expect(second.quantity).toBe(65);
    const creating = (await allRecords()).filter(
      (r) => (r.event.type === 'OrderSubmitted' || r.event.type === 'OrderDenied') && r.event.clientOrderId === 'idem-1',
    );
    expect(creating).toHaveLength(1);
    // Another account may use the same client order id independently.
    const other = await submit({ instrumentId: instrument.id, clientOrderId: asClientOrderId('idem-1') }, ACCOUNT_B, USER_B);
    expect(other.orderId).not.toBe(first.orderId);
  });

  it('generates a client order id when none is given', async () => {
    const order = await submit({ instrumentId: future().id });
    expect(order.clientOrderId).toMatch(/^sd-/);
  });

  it.each([
    ['a quantity not a lot multiple', { quantity: 64 }, 'QUANTITY_NOT_LOT_MULTIPLE'],
    ['a limit order without a price', { type: 'LIMIT' as const }, 'PRICE_REQUIRED'],
    ['a price off the tick', { type: 'LIMIT' as const, price: 10_001 }, 'PRICE_NOT_ON_TICK'],
    ['more lots than the account allows in one order (default 500)', { quantity: 65 * 501 }, 'RISK_MAX_ORDER_QUANTITY'],
  ])('denies %s as a journaled DENIED order', async (_name, overrides, code) => {
    const order = await submit({ instrumentId: future().id, ...(overrides as Partial<PlaceOrderInput>) });
    expect(order.status).toBe('DENIED');
    expect(order.reasonCode).toBe(code);
    expect(order.reasonMessage).toBeTruthy();
    const records = (await allRecords()).filter((r) => r.event.orderId === order.orderId);
    expect(records.map((r) => r.event.type)).toEqual(['OrderDenied']);
  });

  it('slices an order above the freeze quantity into full slices and a remainder, journaled together', async () => {
    const instrument = future(); // NIFTY: lot 65, freeze 1,755 = 27 lots
    const first = await submit({ instrumentId: instrument.id, quantity: 65 * 60, clientOrderId: asClientOrderId('big-1') });
    expect(first.slice).toEqual({ parentClientOrderId: 'big-1', index: 1, count: 3, parentQuantity: 3_900 });
    expect(first.clientOrderId).toBe('big-1');
    const slices = engine.services.orders.listOrders(ACCOUNT_A).filter((o) => o.slice?.parentClientOrderId === 'big-1');
    expect(slices.map((o) => [o.slice?.index, o.quantity]).sort()).toEqual([[1, 1_755], [2, 1_755], [3, 390]]);
    await waitUntil(() => engine.services.orders.listOrders(ACCOUNT_A).filter((o) => o.slice?.parentClientOrderId === 'big-1' && o.status === 'FILLED').length === 3, { message: 'all slices filled' });
    expect(new Set(slices.map((o) => o.clientOrderId)).size).toBe(3);
    const records = (await allRecords()).filter((r) => r.event.type === 'OrderSubmitted' && slices.some((o) => o.orderId === r.event.orderId));
    expect(records.map((r) => r.seq)).toEqual([records[0]!.seq, records[0]!.seq + 1, records[0]!.seq + 2]); // one commit
    // Retrying the parent id returns the first slice and creates nothing.
    const again = await submit({ instrumentId: instrument.id, quantity: 65 * 60, clientOrderId: asClientOrderId('big-1') });
    expect(again.orderId).toBe(first.orderId);
    expect(engine.services.orders.listOrders(ACCOUNT_A).filter((o) => o.slice?.parentClientOrderId === 'big-1')).toHaveLength(3);
  });

  it('denies an index (not tradable) and an unknown instrument', async () => {
    const index = engine.services.catalog.chains[0]?.index;
    if (!index) throw new Error('no index');
    expect((await submit({ instrumentId: index.id, quantity: 1 })).reasonCode).toBe('INSTRUMENT_NOT_TRADABLE');
    expect((await submit({ instrumentId: asInstrumentId('NFO:NOSUCH26DECFUT') })).reasonCode).toBe('INSTRUMENT_NOT_FOUND');
  });
});

describe('OrderManager modify and cancel', () => {
  it('modifies a resting limit order, then cancels it; terminal orders refuse both', async () => {
    const instrument = atmCall();
    const low = quote(instrument).bid - 10 * instrument.tickSize;
    const order = await submit({ instrumentId: instrument.id, type: 'LIMIT', price: paise(low) });
    expect(order.status).toBe('OPEN');
    const modified = await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 130, price: paise(low - instrument.tickSize) } });
    expect(modified).toMatchObject({ status: 'OPEN', quantity: 130, price: low - instrument.tickSize });
    const canceled = await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
    expect(canceled.status).toBe('CANCELED');
    await expectDomainError(engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } }), 'ORDER_NOT_CANCELABLE');
    await expectDomainError(engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 65 } }), 'ORDER_NOT_MODIFIABLE');
  });

  it('rejects an invalid modification with its validation code and leaves the order working', async () => {
    const instrument = atmCall();
    const low = quote(instrument).bid - 10 * instrument.tickSize;
    const order = await submit({ instrumentId: instrument.id, type: 'LIMIT', price: paise(low) });
    await expectDomainError(engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 100 } }), 'QUANTITY_NOT_LOT_MULTIPLE');
    expect(orderOf(order.orderId)?.status).toBe('OPEN');
  });

  it("reports another account's order as not found", async () => {
    const instrument = atmCall();
    const order = await submit({ instrumentId: instrument.id, type: 'LIMIT', price: quote(instrument).bid }, ACCOUNT_B, USER_B);
    await expectDomainError(engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } }), 'ORDER_NOT_FOUND');
    await expectDomainError(engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 130 } }), 'ORDER_NOT_FOUND');
    await expectDomainError(engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: asOrderId('nope') } }), 'ORDER_NOT_FOUND');
    expect(engine.services.orders.listOrders(ACCOUNT_A).some((o) => o.orderId === order.orderId)).toBe(false);
  });

  it('runs concurrent submits with one clientOrderId one at a time: one creating event, the same order to both', async () => {
    const instrument = atmCall();
    const price = paise(quote(instrument).bid - 10 * instrument.tickSize);
    const clientOrderId = asClientOrderId('race-1');
    const orders = await Promise.all(
      Array.from({ length: 4 }, () => submit({ instrumentId: instrument.id, type: 'LIMIT', price, clientOrderId })),
    );
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(1);
    const creating = (await allRecords()).filter(
      (r) => (r.event.type === 'OrderSubmitted' || r.event.type === 'OrderDenied') && r.event.clientOrderId === clientOrderId && r.event.accountId === ACCOUNT_A,
    );
    expect(creating).toHaveLength(1);
  });

  it('runs a concurrent modify, modify and cancel of one order one at a time, ending consistent', async () => {
    const instrument = atmCall();
    const low = quote(instrument).bid - 10 * instrument.tickSize;
    const order = await submit({ instrumentId: instrument.id, type: 'LIMIT', price: paise(low) });
    const modify = (quantity: number) => engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity } });
    const [first, second, cancel] = await Promise.allSettled([
      modify(130),
      modify(195),
      engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } }),
    ]);
    expect(first.status).toBe('fulfilled');
    // The second modify saw the first one pending — a refusal the trader can read, not a fault.
    expect(second.status === 'rejected' && second.reason instanceof DomainError && second.reason.code).toBe('ORDER_NOT_MODIFIABLE');
    expect(cancel.status).toBe('fulfilled');
    const final = await waitUntil(() => (orderOf(order.orderId)?.status === 'CANCELED' ? orderOf(order.orderId) : undefined), { message: 'cancel' });
    const records = (await allRecords()).filter((r) => r.event.orderId === order.orderId);
    // The venue applied the modify before the cancel reached it: its answer crossed the cancel request and is recorded.
    expect(records.map((r) => r.event.type)).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderModifyRequested', 'OrderCancelRequested', 'OrderModified', 'OrderCanceled']);
    expect(final.quantity).toBe(130);
    // Memory is exactly the fold of what was journaled.
    expect(records.reduce<Order | undefined>((folded, record) => applyOrderEvent(folded, record.event), undefined)).toEqual(final);
  });
});

describe('OrderManager restart', () => {
  it('a new engine on the same database replays to identical orders and positions, and keeps working open orders', async () => {
    // A write that failed leaves a gap in the order numbers: the next id must not be derived from a count.
    journal?.failAppends('before', hasEventType('OrderSubmitted'));
    await expectDomainError(submit({ instrumentId: future().id }), 'INTERNAL');
    const instrument = atmCall();
    const resting = await submit({ instrumentId: instrument.id, type: 'LIMIT', price: paise(quote(instrument).bid - 20 * instrument.tickSize) });
    const sell = await submit({ instrumentId: future().id, side: 'SELL', quantity: 65 });
    await waitUntil(() => orderOf(sell.orderId)?.status === 'FILLED', { message: 'sell fill' });
    const snapshot = {
      ordersA: engine.services.orders.listOrders(ACCOUNT_A),
      ordersB: engine.services.orders.listOrders(ACCOUNT_B),
      positionsA: positions(),
      lastSeq: engine.services.lastSeq(),
    };
    await engine.close();

    clock = new ManualClock(clock.time);
    engine = await startTestEngine(database, clock);
    expect(engine.services.orders.listOrders(ACCOUNT_A)).toEqual(snapshot.ordersA);
    expect(engine.services.orders.listOrders(ACCOUNT_B)).toEqual(snapshot.ordersB);
    expect(positions()).toEqual(snapshot.positionsA);
    expect(engine.services.lastSeq()).toBe(snapshot.lastSeq);

    // The paper broker resumed the resting order: making it marketable fills it, with a fresh trade id.
    const ask = quote(instrument).ask;
    await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: resting.orderId, price: ask } });
    const filled = await waitUntil(() => (orderOf(resting.orderId)?.status === 'FILLED' ? orderOf(resting.orderId) : undefined), { message: 'fill after restart' });
    expect(filled.filledValue).toBe(mulPaise(ask, 65));
    const fills = (await allRecords()).flatMap((r) => (r.event.type === 'OrderFilled' ? [r.event.tradeId] : []));
    expect(new Set(fills).size).toBe(fills.length);
    // New orders, of either account, continue after the highest id instead of reusing one.
    const used = new Set([...snapshot.ordersA, ...snapshot.ordersB].map((o) => o.orderId));
    // Account B first: the last id in use is one of A's orders, so B must not pick it either.
    const nextB = await submit({ instrumentId: future().id }, ACCOUNT_B, USER_B);
    const nextA = await submit({ instrumentId: future().id });
    for (const next of [nextA, nextB]) {
      expect(next.status).toBe('FILLED');
      expect(used.has(next.orderId)).toBe(false);
    }
    expect(nextB.orderId).not.toBe(nextA.orderId);
  });
});
