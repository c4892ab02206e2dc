import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { asTradeId, DomainError, paise, type Instrument, type Order } from '@strikedesk/domain';
import { createJournal, createPool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { pino } from 'pino';
import type { BrokerEvent } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { FaultyJournal, hasEventType } from '../testing/faulty-journal.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { ACCOUNT_A, ManualClock, TEST_START, USER_A, createTestDatabase, restingBuyPrice, startTestEngine, type TestEngineOptions } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function engineWithFaultyJournal(options: TestEngineOptions = {}): Promise<{ engine: RunningEngine; journal: FaultyJournal; database: TestDatabase }> {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  let journal: FaultyJournal | undefined;
  const engine = await startTestEngine(database, new ManualClock(TEST_START), {
    ...options,
    wrapJournal: (real) => (journal = new FaultyJournal(real)),
  });
  cleanups.push(() => engine.close());
  if (!journal) throw new Error('journal not wrapped');
  return { engine, journal, database };
}

const future = (engine: RunningEngine): Instrument => {
  const instrument = engine.services.catalog.chains[0]?.future;
  if (!instrument) throw new Error('no NIFTY future');
  return instrument;
};
const marketBuy = (engine: RunningEngine): Promise<Order> =>
  engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future(engine).id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null },
  });
const journaledTradeIds = async (database: TestDatabase): Promise<string[]> => {
  const pool = createPool(database.url);
  try {
    return (await createJournal(pool).readAfter(0)).flatMap((r) => (r.event.type === 'OrderFilled' ? [r.event.tradeId] : []));
  } finally {
    await pool.end();
  }
};
const journaledTypes = async (database: TestDatabase, orderId: string): Promise<string[]> => {
  const pool = createPool(database.url);
  try {
    return (await createJournal(pool).readAfter(0)).filter((r) => r.event.orderId === orderId).map((r) => r.event.type);
  } finally {
    await pool.end();
  }
};

describe('a command whose journal append errors', () => {
  it('still places the order with the broker when the OrderSubmitted landed, and later commands keep working', async () => {
    const { engine, journal, database } = await engineWithFaultyJournal();
    journal.failAppends('after', hasEventType('OrderSubmitted'));
    const order = await marketBuy(engine);
    expect(order.status).toBe('FILLED');
    expect(await journaledTypes(database, order.orderId)).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderFilled']);
    expect((await marketBuy(engine)).status).toBe('FILLED'); // no JournalSequenceConflictError
    expect(engine.services.orders.listPositions(ACCOUNT_A)[0]?.netQuantity).toBe(130);
  });

  it('fails with a DomainError when the event did not land, and nothing reaches the broker', async () => {
    const broker = new ScriptedBroker();
    const { engine, journal } = await engineWithFaultyJournal({ createBroker: () => broker });
    journal.failAppends('before', hasEventType('OrderSubmitted'));
    const error = await marketBuy(engine).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INTERNAL');
    expect(broker.placed).toEqual([]);
    expect(engine.services.orders.listOrders(ACCOUNT_A)).toEqual([]);
    const next = marketBuy(engine);
    await waitUntil(() => broker.placed.length === 1, { message: 'the next order placed' });
    const request = broker.placed[0];
    if (!request) throw new Error('not placed');
    broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'X-1' });
    expect((await next).status).toBe('OPEN');
  });

  it('still tells the trader why a modify was refused when the refusal cannot be journaled, and the order works on unchanged', async () => {
    const broker = new ScriptedBroker();
    const { engine, journal, database } = await engineWithFaultyJournal({ createBroker: () => broker });
    const price = restingBuyPrice(engine, future(engine).id);
    const submitted = engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future(engine).id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: 65, price, triggerPrice: null },
    });
    const request = await waitUntil(() => broker.placed[0], { message: 'a placed order' });
    broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'X-1' });
    const { orderId } = await submitted;
    journal.failAppends('before', hasEventType('OrderModifyDenied'));
    const error = await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId, price: paise(price * 2) } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('RISK_PRICE_BAND');
    expect(broker.modified).toEqual([]);
    expect(engine.services.state.order(orderId)).toMatchObject({ status: 'OPEN', price, reasonCode: null });
    expect(await journaledTypes(database, orderId)).toEqual(['OrderSubmitted', 'OrderAccepted']);
  });
});

describe('a broker event whose journal write fails', () => {
  async function acceptedOrder(engine: RunningEngine, broker: ScriptedBroker): Promise<Order> {
    const submitted = engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future(engine).id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: 650, price: restingBuyPrice(engine, future(engine).id), triggerPrice: null },
    });
    const request = await waitUntil(() => broker.placed.at(-1), { message: 'a placed order' });
    broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${request.clientOrderId}` });
    return submitted;
  }

  it('is retried until it lands, in the order the broker sent the account’s events', async () => {
    const broker = new ScriptedBroker();
    const { engine, journal, database } = await engineWithFaultyJournal({ createBroker: () => broker });
    const order = await acceptedOrder(engine, broker);
    journal.failAppends('before', hasEventType('OrderFilled'), 2); // the venue has already forgotten this order
    const fill = { kind: 'filled' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, price: paise(1_000), executedAt: TEST_START };
    broker.emit({ ...fill, tradeId: asTradeId('T-1'), quantity: 260 });
    broker.emit({ ...fill, tradeId: asTradeId('T-2'), quantity: 390 });
    const filled = await waitUntil(() => engine.services.orders.listOrders(ACCOUNT_A).find((o) => o.status === 'FILLED'), { message: 'the fills journaled' });
    expect(filled.filledQuantity).toBe(650);
    expect(engine.services.orders.listPositions(ACCOUNT_A)[0]?.netQuantity).toBe(650);
    expect(await journaledTradeIds(database)).toEqual(['T-1', 'T-2']);
    expect(engine.services.orders.pendingBrokerEvents).toBe(0);
  });

  it('an event that cannot be folded is set aside; the journal failing meanwhile loses none of the others', async () => {
    const broker = new ScriptedBroker();
    const { engine, journal, database } = await engineWithFaultyJournal({ createBroker: () => broker });
    const order = await acceptedOrder(engine, broker);
    journal.failAppends('before', hasEventType('OrderFilled'), 2); // while the events are journaled one by one
    const fill = { kind: 'filled' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, price: paise(1_000), executedAt: TEST_START };
    // Arriving together, so first tried as one commit: the unfoldable one fails it, whatever the journal does.
    broker.emit({ kind: 'partiallyCancelled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A } as unknown as BrokerEvent);
    broker.emit({ ...fill, tradeId: asTradeId('T-1'), quantity: 260 });
    broker.emit({ ...fill, tradeId: asTradeId('T-2'), quantity: 390 });
    const filled = await waitUntil(() => engine.services.orders.listOrders(ACCOUNT_A).find((o) => o.status === 'FILLED'), { message: 'both fills journaled' });
    expect(filled.filledQuantity).toBe(650);
    expect(await journaledTradeIds(database)).toEqual(['T-1', 'T-2']);
    expect(engine.services.orders.pendingBrokerEvents).toBe(0);
  });

  it('does not hang shutdown: close() gives up after the grace period and reports what was not journaled', async () => {
    const broker = new ScriptedBroker();
    const lines: string[] = [];
    const logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const { engine, journal } = await engineWithFaultyJournal({ createBroker: () => broker, logger, shutdownGraceMs: 200 });
    const order = await acceptedOrder(engine, broker);
    journal.failAppends('before', hasEventType('OrderFilled'), Number.POSITIVE_INFINITY);
    broker.emit({ kind: 'filled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'x', tradeId: asTradeId('T-9'), quantity: 650, price: paise(1_000), executedAt: TEST_START });
    await waitUntil(() => lines.some((line) => line.includes('failed to journal broker events; retrying')), { message: 'a retry' });
    const started = Date.now();
    await engine.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    const report = lines.find((line) => line.includes('broker event(s) not journaled'));
    expect(report).toContain('T-9');
  });
});
