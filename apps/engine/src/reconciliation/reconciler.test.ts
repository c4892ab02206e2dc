import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { asTradeId, paise } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { pino } from 'pino';
import type { BrokerOrderSnapshot } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { FaultyJournal, hasEventType } from '../testing/faulty-journal.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingBuyPrice, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
/** A one-lot LIMIT buy on the NIFTY future that rests (the broker decides what happens to it). */
const restingBuyOfOneLot = (engine: RunningEngine) => {
  const future = engine.services.catalog.chains[0]!.future;
  return engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future.id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: future.lotSize, price: restingBuyPrice(engine, future.id), triggerPrice: null },
  });
};
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it('a periodic reconciliation whose journal write fails is logged and retried, not left to end the process', async () => {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const broker = new ScriptedBroker();
  const lines: string[] = [];
  const logger = pino({ level: 'error' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  let journal: FaultyJournal | undefined;
  const engine: RunningEngine = await startTestEngine(database, new ManualClock(TEST_START), {
    createBroker: () => broker,
    logger,
    wrapJournal: (real) => (journal = new FaultyJournal(real)),
    reconciler: { intervalMs: 40, confirmAfterMs: 10 },
  });
  cleanups.push(() => engine.close());
  const future = engine.services.catalog.chains[0]!.future;
  const submitted = restingBuyOfOneLot(engine);
  const request = await waitUntil(() => broker.placed.at(-1), { message: 'the order placed' });
  broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'X-1' });
  const order = await submitted;
  expect(order.status).toBe('OPEN');

  // The broker filled it while its update was lost: only its books say so.
  const filled: BrokerOrderSnapshot = { ...request, brokerOrderId: 'X-1', status: 'FILLED', filledQuantity: future.lotSize, triggered: false, reasonCode: null, reasonMessage: null };
  const trade = { accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, brokerOrderId: 'X-1', tradeId: asTradeId('T-1'), instrumentId: future.id, side: 'BUY' as const, product: 'NRML' as const, quantity: future.lotSize, price: paise(100_000), executedAt: TEST_START };
  broker.booksSource = () => ({ orders: [filled], trades: [trade], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML', netQuantity: future.lotSize }] });
  // …and the database refuses the fill reconciliation journals, twice.
  journal!.failAppends('before', hasEventType('OrderFilled'), 2);

  engine.services.reconciler.startPeriodic(20);
  await waitUntil(() => lines.some((line) => line.includes('reconciliation failed; the next run tries again')), { message: 'the failed run logged' });
  await waitUntil(() => engine.services.state.order(order.orderId)?.status === 'FILLED', { message: 'a later run journals the fill', timeoutMs: 5_000 });
  expect(engine.services.orders.listPositions(ACCOUNT_A)[0]?.netQuantity).toBe(future.lotSize);
});

it('an order resent at start-up is not rejected as never received before its grace from the resend has passed', async () => {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const broker = new ScriptedBroker();
  const clock = new ManualClock(TEST_START);
  const engine: RunningEngine = await startTestEngine(database, clock, { createBroker: () => broker, reconciler: { confirmAfterMs: 10 } });
  cleanups.push(() => engine.close());
  const submitted = restingBuyOfOneLot(engine);
  await waitUntil(() => broker.placed.length === 1, { message: 'the order placed' });
  const order = await submitted; // unanswered: SUBMITTED, in flight
  expect(order.status).toBe('SUBMITTED');

  // 20 s on, the books do not have it (lost on the way): a start-up run sends it again.
  clock.advance(20_000);
  expect((await engine.services.reconciler.run(true)).resent).toBe(1);
  expect(broker.placed).toHaveLength(2);
  // 2 s after the resend the broker has still not shown it: in flight, not "never received".
  clock.advance(2_000);
  await engine.services.reconciler.run(false);
  expect(engine.services.state.order(order.orderId)?.status).toBe('SUBMITTED');
  // Past the grace from the resend, it is settled from the books.
  clock.advance(6_000);
  await engine.services.reconciler.run(false);
  expect(engine.services.state.order(order.orderId)?.status).toBe('REJECTED');
});
