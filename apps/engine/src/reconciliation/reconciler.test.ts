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
/** An engine on a scratch database whose broker answers only what the test scripts, on a hand-driven clock. */
async function startWithScriptedBroker() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const broker = new ScriptedBroker();
  const clock = new ManualClock(TEST_START);
  const engine: RunningEngine = await startTestEngine(database, clock, { createBroker: () => broker, reconciler: { confirmAfterMs: 10 } });
  cleanups.push(() => engine.close());
  return { engine, broker, clock };
}
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
  const { engine, broker, clock } = await startWithScriptedBroker();
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

it('an order on its way when a halt was engaged is not sent again at start-up past it; one that only reduces passes a daily-loss stop', async () => {
  const { engine, broker, clock } = await startWithScriptedBroker();
  const future = engine.services.catalog.chains[0]!.future;
  const lots = (n: number) => n * future.lotSize;
  const submit = (side: 'BUY' | 'SELL', quantity: number) =>
    engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future.id, side, type: 'LIMIT', product: 'NRML', quantity, price: restingBuyPrice(engine, future.id), triggerPrice: null },
    });

  // A long of two lots, filled.
  const long = submit('BUY', lots(2));
  const placed = await waitUntil(() => broker.placed.at(-1), { message: 'the long placed' });
  broker.emit({ kind: 'accepted', clientOrderId: placed.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'X-1' });
  broker.emit({ kind: 'filled', clientOrderId: placed.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'X-1', tradeId: asTradeId('T-1'), quantity: lots(2), price: paise(100_000), executedAt: TEST_START });
  const longOrder = await long;
  await waitUntil(() => engine.services.state.order(longOrder.orderId)?.status === 'FILLED', { message: 'the long filled' });
  // Two orders on their way, unanswered: a sell of one lot (towards flat) and a buy of one more.
  const reducing = await submit('SELL', lots(1));
  const adding = await submit('BUY', lots(1));
  expect([reducing.status, adding.status]).toEqual(['SUBMITTED', 'SUBMITTED']);
  expect(broker.placed).toHaveLength(3);

  // A daily-loss stop engages (and a broker-session halt the reconnect at start-up is lifting, which
  // does not count); 20 s later the broker's books have neither order (lost on the way).
  await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'BROKER_SESSION', reason: 'Broker session expired', flatten: false, engagedBy: null, details: {} });
  await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'Daily loss limit reached', flatten: false, engagedBy: null, details: {} });
  const longTrade = { accountId: ACCOUNT_A, clientOrderId: placed.clientOrderId, brokerOrderId: 'X-1', tradeId: asTradeId('T-1'), instrumentId: future.id, side: 'BUY' as const, product: 'NRML' as const, quantity: lots(2), price: paise(100_000), executedAt: TEST_START };
  broker.booksSource = () => ({ orders: [{ ...placed, brokerOrderId: 'X-1', status: 'FILLED', filledQuantity: lots(2), triggered: false, reasonCode: null, reasonMessage: null }], trades: [longTrade], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML', netQuantity: lots(2) }] });
  clock.advance(20_000);
  const report = await engine.services.reconciler.run(true);

  // The sell goes again (a daily-loss stop lets a trader get out); the buy does not, and says why.
  expect(report.resent).toBe(1);
  expect(broker.placed.slice(3).map((request) => request.clientOrderId)).toEqual([reducing.clientOrderId]);
  expect(engine.services.state.order(reducing.orderId)?.status).toBe('SUBMITTED');
  const refused = engine.services.state.order(adding.orderId);
  expect(refused).toMatchObject({ status: 'REJECTED', reasonCode: 'RISK_DAILY_LOSS' });
  expect(refused?.reasonMessage).toMatch(/never reached the broker and was not sent again after the restart/);

  // Under a kill switch not even the sell is sent again.
  await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'hands off', flatten: false } });
  clock.advance(10_000); // past the resend's grace: a later start-up run finds it still missing
  const second = await engine.services.reconciler.run(true);
  expect(second.resent).toBe(0);
  expect(broker.placed).toHaveLength(4);
  expect(engine.services.state.order(reducing.orderId)).toMatchObject({ status: 'REJECTED', reasonCode: 'KILL_SWITCH_ENGAGED' });
});

it('an order on its way is not sent again at start-up past a block the same run engages; books that agree at the second look let it go', async () => {
  const { engine, broker, clock } = await startWithScriptedBroker();
  const future = engine.services.catalog.chains[0]!.future;
  const submitted = restingBuyOfOneLot(engine);
  await waitUntil(() => broker.placed.length === 1, { message: 'the order placed' });
  const order = await submitted; // unanswered: SUBMITTED, in flight
  // The broker's books hold a position the journal cannot explain (and not the order: lost on the way).
  const unexplained = { orders: [], trades: [], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML' as const, netQuantity: 2 * future.lotSize }] };
  broker.booksSource = () => unexplained;
  clock.advance(20_000);
  const report = await engine.services.reconciler.run(true);
  expect(report.blockedAccounts).toEqual([ACCOUNT_A]);
  expect(report.resent).toBe(0);
  expect(broker.placed).toHaveLength(1);
  const refused = engine.services.state.order(order.orderId);
  expect(refused).toMatchObject({ status: 'REJECTED', reasonCode: 'ACCOUNT_BLOCKED_RECONCILIATION' });
  expect(refused?.reasonMessage).toMatch(/never reached the broker and was not sent again after the restart/);

  // Another order lost on the way, and books that differ only at the first look (a live update in between): it goes.
  expect(await restingBuyOfOneLot(engine)).toMatchObject({ status: 'DENIED', reasonCode: 'ACCOUNT_BLOCKED_RECONCILIATION' }); // blocked meanwhile
  await engine.services.halts.release(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')!.id, USER_A, 'checked');
  broker.booksSource = () => ({ orders: [], trades: [], positions: [] });
  const third = restingBuyOfOneLot(engine);
  await waitUntil(() => broker.placed.length === 2, { message: 'the third order placed' });
  const lost = await third;
  expect(lost.status).toBe('SUBMITTED');
  let reads = 0;
  let placedAtSecondLook = 0;
  broker.booksSource = () => {
    reads += 1;
    if (reads === 3) {
      placedAtSecondLook = broker.placed.length;
      clock.advance(10_000); // a slow read: past the in-flight grace, which a held order must not be judged by
    }
    return reads <= 2 ? { orders: [], trades: [], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML' as const, netQuantity: future.lotSize }] } : { orders: [], trades: [], positions: [] };
  };
  clock.advance(20_000);
  const again = await engine.services.reconciler.run(true);
  expect([again.blockedAccounts, again.resent]).toEqual([[], 1]);
  expect(placedAtSecondLook).toBe(2); // held until then, not sent with the first look
  expect(broker.placed.map((request) => request.clientOrderId)).toEqual([order.clientOrderId, lost.clientOrderId, lost.clientOrderId]);

  // One more lost on the way, and books that cannot be read a second time: not known to be fine, so not sent.
  const fourth = restingBuyOfOneLot(engine);
  await waitUntil(() => broker.placed.length === 4, { message: 'the fourth order placed' });
  const unconfirmed = await fourth;
  reads = 0;
  broker.booksSource = () => {
    reads += 1;
    if (reads > 2) throw new Error('broker unreachable');
    return { orders: [], trades: [], positions: [{ accountId: ACCOUNT_A, instrumentId: future.id, product: 'NRML' as const, netQuantity: 3 * future.lotSize }] };
  };
  clock.advance(20_000);
  expect((await engine.services.reconciler.run(true)).resent).toBe(0);
  expect(broker.placed).toHaveLength(4);
  expect(engine.services.state.order(unconfirmed.orderId)).toMatchObject({ status: 'REJECTED', reasonCode: 'BROKER_NOT_RECEIVED', reasonMessage: expect.stringMatching(/could not be read a second time/) });
});
