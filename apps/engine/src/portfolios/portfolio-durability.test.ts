import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { applyTemplate, paise, type EnteredLeg } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { PaperBroker } from '../brokers/paper/paper-broker.ts';
import { RejectingBroker } from '../testing/rejecting-broker.ts';
import { bookQuantities, buyBackFromTicket, createTrader, definition, moveNifty, niftySpot } from '../testing/portfolio-fixtures.ts';
import { createPool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function start(database: TestDatabase, clock: ManualClock): Promise<RunningEngine> {
  const engine = await startTestEngine(database, clock);
  cleanups.push(() => engine.close());
  engine.runner.stepNow();
  return engine;
}

/**
 * A COMPLETE short straddle entered on a first engine: its call and put legs as entered, and
 * `restartMidEntry(legs)`, which stops that engine, leaves the portfolio ENTERING with `legs` (what
 * an engine stopped during the entry would leave) and starts a second one, the entry resumed.
 */
async function enteredStraddle() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const first = await start(database, clock);
  const { userId, accountId } = await createTrader(database);
  const created = await first.services.portfolios.create(userId, accountId, definition({ legs: applyTemplate('SHORT_STRADDLE'), execution: { onLegFailure: 'COMPLETE' } }));
  await first.services.portfolios.startPortfolio(created.id, userId);
  await first.services.portfolios.idle(created.id);
  const entered = (await first.services.portfolios.get(created.id, userId)).portfolio;
  const [ce, pe] = entered.runtime.legs as [EnteredLeg, EnteredLeg]; // a short call and a short put
  const buyBack = (leg: EnteredLeg) => buyBackFromTicket(first, { accountId, userId }, leg, entered.definition.settings.product);
  const restartMidEntry = async (legs: EnteredLeg[]) => {
    await first.close();
    const pool = createPool(database.url);
    await pool.query(`UPDATE portfolios SET status = 'ENTERING', runtime = $2 WHERE id = $1`, [created.id, JSON.stringify({ ...entered.runtime, legs })]);
    await pool.end();
    const second = await start(database, clock);
    await second.services.portfolios.idle(created.id);
    const resumed = await second.services.portfolios.get(created.id, userId);
    const ordersOn = (instrumentId: string) => second.services.state.ordersOf(accountId).filter((order) => order.portfolioId === created.id && order.instrumentId === instrumentId);
    return { second, resumed, ordersOn };
  };
  return { entered, ce, pe, accountId, created, buyBack, restartMidEntry };
}

describe('portfolio automation across an engine restart', () => {
  it('an active portfolio is monitored again after a restart and exits on its stop', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START);
    const first = await start(database, clock);
    const { userId, accountId } = await createTrader(database);
    const created = await first.services.portfolios.create(
      userId,
      accountId,
      definition({ legs: applyTemplate('SHORT_STRADDLE'), exit: { stopLoss: { unit: 'RUPEES', amount: paise(800_000) } } }),
    );
    await first.services.portfolios.startPortfolio(created.id, userId);
    await first.services.portfolios.idle(created.id);
    const before = (await first.services.portfolios.get(created.id, userId)).portfolio;
    expect(before.status).toBe('ACTIVE');
    const held = bookQuantities(first, accountId, created.id);
    await first.close();

    clock.advance(60_000);
    const second = await start(database, clock);
    const resumed = await second.services.portfolios.get(created.id, userId);
    expect(resumed.portfolio.status).toBe('ACTIVE');
    expect(resumed.portfolio.runtime.legs).toEqual(before.runtime.legs);
    expect(bookQuantities(second, accountId, created.id)).toEqual(held);

    const s0 = niftySpot(second).spot;
    moveNifty(second, clock, s0 * 1.03, 1_000);
    await second.services.portfolios.idle(created.id);
    const after = (await second.services.portfolios.get(created.id, userId)).portfolio;
    expect(after.status).toBe('CLOSED');
    expect(after.statusReason).toMatch(/stop loss/i);
    expect(bookQuantities(second, accountId, created.id)).toEqual({});
  });

  it('a COMPLETE entry resumed after a restart does not trade again a leg it filled that the trader then bought back from the ticket', async () => {
    const { entered, ce, pe, accountId, created, buyBack, restartMidEntry } = await enteredStraddle();
    expect(entered.status).toBe('ACTIVE');
    expect(entered.runtime.legs.every((leg) => leg.filled === true)).toBe(true);
    expect((await buyBack(ce)).status).toBe('FILLED');

    // Stopped after the last leg filled and before the entry was armed: its legs filled, not yet priced.
    const { second, resumed, ordersOn } = await restartMidEntry(entered.runtime.legs.map((leg) => ({ ...leg, entryPrice: null, stopPrice: null })));
    expect(resumed.portfolio.status).toBe('ACTIVE');
    expect(ordersOn(ce.instrumentId)).toHaveLength(1); // the entry's own, not a second sell
    expect(resumed.portfolio.runtime.legs.find((leg) => leg.legId === ce.legId)).toMatchObject({ closed: true, entryPrice: null });
    expect(resumed.actions.map((action) => action.message)).toContainEqual(expect.stringMatching(/not held when the entry completed \(closed outside the portfolio\)/));
    expect(bookQuantities(second, accountId, created.id)).toEqual({ [pe.instrumentId]: -pe.quantity });
  });

  it('a COMPLETE entry resumed after a restart completes a missing leg even when the trader closed every filled one (the book flat)', async () => {
    const { ce, pe, buyBack, restartMidEntry } = await enteredStraddle();
    expect((await buyBack(ce)).status).toBe('FILLED');
    expect((await buyBack(pe)).status).toBe('FILLED');

    // Stopped with the call filled (and since closed from the ticket) and the put not sent yet.
    const { resumed, ordersOn } = await restartMidEntry([{ ...ce, entryPrice: null, stopPrice: null }, { ...pe, entryPrice: null, stopPrice: null, filled: false }]);
    expect(resumed.portfolio.status).toBe('ACTIVE');
    expect(ordersOn(ce.instrumentId)).toHaveLength(1);
    expect(ordersOn(pe.instrumentId)).toHaveLength(2); // the put's entry, completed
    expect(resumed.portfolio.runtime.legs.find((leg) => leg.legId === ce.legId)).toMatchObject({ closed: true });
  });

  it('an armed portfolio stays armed through a restart and enters at its time', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START); // 11:00 IST
    const first = await start(database, clock);
    const { userId, accountId } = await createTrader(database);
    const created = await first.services.portfolios.create(userId, accountId, definition({ legs: applyTemplate('IRON_FLY'), entry: { rule: { kind: 'AT_TIME', time: '11:10' } } }));
    await first.services.portfolios.startPortfolio(created.id, userId);
    await first.services.portfolios.idle(created.id);
    expect((await first.services.portfolios.get(created.id, userId)).portfolio.status).toBe('WAITING_ENTRY');
    await first.close();

    clock.advance(5 * 60_000); // 11:05
    const second = await start(database, clock);
    await second.services.portfolios.idle(created.id);
    expect((await second.services.portfolios.get(created.id, userId)).portfolio.status).toBe('WAITING_ENTRY');
    moveNifty(second, clock, niftySpot(second).spot, 5 * 60_000); // 11:10
    await second.services.portfolios.idle(created.id);
    const entered = (await second.services.portfolios.get(created.id, userId)).portfolio;
    expect(entered.status).toBe('ACTIVE');
    expect(Object.keys(bookQuantities(second, accountId, created.id))).toHaveLength(4);
  });
});

describe('stop loss at the broker', () => {
  /** A short straddle (`peLots` on the PE) with a 15 % stop per leg resting at the broker, entered. */
  async function shortStraddleWithBrokerStops(peLots = 1) {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START);
    let broker: RejectingBroker | undefined;
    const engine = await startTestEngine(database, clock, { createBroker: (market) => (broker = new RejectingBroker(new PaperBroker(market, () => clock.now()))) });
    cleanups.push(() => engine.close());
    engine.runner.stepNow();
    if (!broker) throw new Error('broker not created');
    const { userId, accountId } = await createTrader(database);
    const stop = { unit: 'PERCENT' as const, percent: 15 }; // inside the account's 20 % price band for triggers
    const created = await engine.services.portfolios.create(
      userId,
      accountId,
      definition({
        legs: [
          { id: 'CE', side: 'SELL', kind: 'CE', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: 1, stopLoss: stop },
          { id: 'PE', side: 'SELL', kind: 'PE', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: peLots, stopLoss: stop },
        ],
        execution: { stopLossAtBroker: true },
      }),
    );
    await engine.services.portfolios.startPortfolio(created.id, userId);
    await engine.services.portfolios.idle(created.id);
    const active = (await engine.services.portfolios.get(created.id, userId)).portfolio;
    return { engine, clock, broker, userId, accountId, created, active };
  }

  it('rests an SL-M order per leg, never closes a leg twice when it fills, and cancels the rest on exit', async () => {
    const { engine, clock, userId, accountId, created, active } = await shortStraddleWithBrokerStops();
    expect(active.status).toBe('ACTIVE');
    const resting = engine.services.state.openOrdersOf(accountId).filter((order) => order.portfolioId === created.id);
    expect(resting.map((order) => [order.type, order.side, order.status])).toEqual([
      ['SL_M', 'BUY', 'TRIGGER_PENDING'],
      ['SL_M', 'BUY', 'TRIGGER_PENDING'],
    ]);
    expect(active.runtime.legs.map((leg) => leg.stopOrderId).sort()).toEqual(resting.map((order) => order.orderId).sort());

    const s0 = niftySpot(engine).spot;
    moveNifty(engine, clock, s0 * 1.025, 1_000);
    await engine.services.portfolios.idle(created.id);
    moveNifty(engine, clock, s0 * 1.025, 1_000); // the broker's fill is journaled; the monitor sees it
    await engine.services.portfolios.idle(created.id);
    const after = (await engine.services.portfolios.get(created.id, userId)).portfolio;
    const ceLeg = after.runtime.legs.find((leg) => leg.legId === 'CE')!;
    expect(ceLeg.closed).toBe(true);
    const book = bookQuantities(engine, accountId, created.id);
    expect(book[ceLeg.instrumentId]).toBeUndefined(); // flat: bought back once, not twice
    expect(Object.values(book)).toEqual([-65]);

    await engine.services.portfolios.exit(created.id, userId);
    await engine.services.portfolios.idle(created.id);
    expect(bookQuantities(engine, accountId, created.id)).toEqual({});
    expect(engine.services.state.openOrdersOf(accountId).filter((order) => order.portfolioId === created.id)).toEqual([]);
  });

  it('a leg bought back from the ticket, whole or in part, has its stop at the broker cancelled: sized for the whole leg, it would open a new position', async () => {
    const { engine, clock, userId, accountId, created, active } = await shortStraddleWithBrokerStops(2);
    const legOf = (id: string) => active.runtime.legs.find((leg) => leg.legId === id)!;
    const product = active.definition.settings.product;
    const who = { accountId, userId };
    expect((await buyBackFromTicket(engine, who, legOf('CE'), product)).status).toBe('FILLED');
    expect((await buyBackFromTicket(engine, who, { instrumentId: legOf('PE').instrumentId, quantity: 65 }, product)).status).toBe('FILLED');

    const s0 = niftySpot(engine).spot;
    moveNifty(engine, clock, s0, 1_000); // the monitor asks the broker to cancel both stops, and waits
    await engine.services.portfolios.idle(created.id);
    const waiting = await engine.services.portfolios.get(created.id, userId);
    expect(waiting.portfolio.runtime.legs.map((leg) => [leg.closed, leg.stopOrderId])).toEqual([
      [false, legOf('CE').stopOrderId],
      [false, legOf('PE').stopOrderId],
    ]);
    await waitUntil(() => [legOf('CE'), legOf('PE')].every((leg) => engine.services.state.order(leg.stopOrderId!)?.status === 'CANCELED'), { message: 'stops cancelled' });
    moveNifty(engine, clock, s0, 1_000); // cancelled: the legs are followed
    await engine.services.portfolios.idle(created.id);
    const after = await engine.services.portfolios.get(created.id, userId);
    const [ce, pe] = [after.portfolio.runtime.legs.find((leg) => leg.legId === 'CE')!, after.portfolio.runtime.legs.find((leg) => leg.legId === 'PE')!];
    expect([ce.closed, ce.stopOrderId, pe.closed, pe.stopOrderId]).toEqual([true, null, false, null]);
    const alerts = after.actions.filter((action) => action.kind === 'ALERT').map((action) => action.message);
    expect(alerts).toContainEqual(expect.stringMatching(/: closed outside the portfolio \(.*\); the leg is marked closed; its stop at the broker was cancelled\.$/));
    expect(alerts).toContainEqual(expect.stringMatching(/: partly closed outside the portfolio; the leg runs on with 65; its stop at the broker was cancelled; the engine watches the leg's stop instead\.$/));
    expect(bookQuantities(engine, accountId, created.id)).toEqual({ [legOf('PE').instrumentId]: -65 });

    // NIFTY falls: the PE's stop is hit, and the engine buys back the 65 left — not the 130 the broker's stop held.
    moveNifty(engine, clock, s0 * 0.975, 1_000);
    await engine.services.portfolios.idle(created.id);
    moveNifty(engine, clock, s0 * 0.975, 1_000);
    await engine.services.portfolios.idle(created.id);
    expect(engine.services.state.netQuantity(accountId, legOf('PE').instrumentId, product)).toBe(0);
    expect(engine.services.state.netQuantity(accountId, legOf('CE').instrumentId, product)).toBe(0);
    expect(bookQuantities(engine, accountId, created.id)).toEqual({});
    expect((await engine.services.portfolios.get(created.id, userId)).portfolio.status).toBe('CLOSED');
  });

  it('a stop that fills at the broker after part of its leg was bought back from the ticket: what it bought past the book is sold again, with an alert', async () => {
    const { engine, clock, broker, userId, accountId, created, active } = await shortStraddleWithBrokerStops(2);
    const pe = active.runtime.legs.find((leg) => leg.legId === 'PE')!;
    const product = active.definition.settings.product;
    expect((await buyBackFromTicket(engine, { accountId, userId }, { instrumentId: pe.instrumentId, quantity: 65 }, product)).status).toBe('FILLED');
    // The exchange refuses the monitor's cancel of the PE's stop (a BUY of 130, sized for the leg),
    // and NIFTY falls: the stop fills at the broker.
    broker.refuseCancels(pe.instrumentId);
    const s0 = niftySpot(engine).spot;
    moveNifty(engine, clock, s0 * 0.975, 1_000);
    await engine.services.portfolios.idle(created.id);
    await waitUntil(() => engine.services.state.order(pe.stopOrderId!)?.status === 'FILLED', { message: 'the stop filled at the broker' });
    moveNifty(engine, clock, s0 * 0.975, 1_000); // the monitor sees it
    await engine.services.portfolios.idle(created.id);
    const { actions } = await engine.services.portfolios.get(created.id, userId);
    const kinds = actions.map((action) => action.kind);
    expect(kinds).toContain('LEG_STOP');
    expect(actions.find((action) => action.kind === 'ALERT' && /traded past what the portfolio still held/.test(action.message))?.message).toMatch(/: 65 the other way, closed again\.$/);
    expect(engine.services.state.netQuantity(accountId, pe.instrumentId, product)).toBe(0);
    expect(bookQuantities(engine, accountId, created.id)[pe.instrumentId]).toBeUndefined();
  });
});
