import { afterEach, describe, expect, it } from 'vitest';
import { applyTemplate, bufferedLimitPrice, markPrice } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { PaperBroker } from '../brokers/paper/paper-broker.ts';
import type { RunningEngine } from '../engine.ts';
import { bookQuantities, buyBackFromTicket, createTrader, definition, waitForStatus } from '../testing/portfolio-fixtures.ts';
import { RejectingBroker } from '../testing/rejecting-broker.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function setup() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  let broker: RejectingBroker | undefined;
  const engine: RunningEngine = await startTestEngine(database, clock, {
    createBroker: (market) => (broker = new RejectingBroker(new PaperBroker(market, () => clock.now()))),
    portfolioRetryPauseMs: 20,
  });
  cleanups.push(() => engine.close());
  engine.runner.stepNow();
  const trader = await createTrader(database);
  if (!broker) throw new Error('broker not created');
  return { engine, clock, broker, database, ...trader };
}

const condor = (onLegFailure: 'UNWIND' | 'COMPLETE') =>
  definition({ legs: applyTemplate('IRON_CONDOR'), execution: { onLegFailure, repriceAfterSeconds: 1, maxRetries: onLegFailure === 'COMPLETE' ? 0 : 1 } });

describe('basket execution against the paper broker', () => {
  it('enters an iron condor buy legs first, books it under the portfolio, and exits it flat', async () => {
    const { engine, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('UNWIND'));
    expect(created.status).toBe('DRAFT');
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const active = await waitForStatus(engine, userId, created.id, 'ACTIVE');

    expect(active.runtime.legs).toHaveLength(4);
    const book = bookQuantities(engine, accountId, created.id);
    const lot = engine.services.catalog.get(active.runtime.legs[0]!.instrumentId)!.lotSize;
    expect(Object.values(book).sort((a, b) => a - b)).toEqual([-lot, -lot, lot, lot]);
    // Buy legs first (the hedges), then the shorts: the order sequence of the portfolio's orders.
    const orders = portfolioOrders(engine, accountId, created.id);
    expect(orders.map((order) => order.side)).toEqual(['BUY', 'BUY', 'SELL', 'SELL']);
    expect(orders.every((order) => order.origin === 'PORTFOLIO' && order.status === 'FILLED')).toBe(true);
    // Net premium of a condor is a credit.
    expect(active.runtime.entryPremium).toBeGreaterThan(0);

    await engine.services.portfolios.exit(created.id, userId);
    const closed = await waitForStatus(engine, userId, created.id, 'CLOSED');
    expect(bookQuantities(engine, accountId, created.id)).toEqual({});
    expect(closed.statusReason).toMatch(/Exited \(exit requested\): P&L/);
    const { actions } = await engine.services.portfolios.get(created.id, userId);
    expect(actions.map((action) => action.kind).reverse()).toEqual(['ARMED', 'ENTRY_TRIGGERED', 'LEG_FILLED', 'LEG_FILLED', 'LEG_FILLED', 'LEG_FILLED', 'ENTERED', 'EXIT_TRIGGERED', 'EXITED']);
    expect(actions.find((action) => action.kind === 'ENTERED')?.snapshot?.underlying).toBeGreaterThan(0);
  });

  it('a leg rejected mid-sequence under UNWIND squares off the legs already filled and alerts', async () => {
    const { engine, broker, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('UNWIND'));
    // The third leg in sequence (the first short) is rejected on every attempt.
    const resolved = resolvedInstrument(engine, created.definition, 'L1'); // sell CE +4
    broker.rejectNext(resolved, Number.POSITIVE_INFINITY);
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const failed = await waitForStatus(engine, userId, created.id, 'FAILED');

    expect(failed.statusReason).toMatch(/Entry failed at .*squared off: the portfolio holds nothing/);
    expect(bookQuantities(engine, accountId, created.id)).toEqual({});
    const { actions } = await engine.services.portfolios.get(created.id, userId);
    const kinds = actions.map((action) => action.kind);
    expect(kinds).toContain('LEG_FAILED');
    expect(kinds).toContain('UNWOUND');
    expect(kinds[0]).toBe('ALERT');
    // Both buys filled and were sold back; the rejected short was tried 1 + maxRetries times.
    const orders = portfolioOrders(engine, accountId, created.id);
    expect(orders.filter((order) => order.instrumentId === resolved).map((order) => order.status)).toEqual(['REJECTED', 'REJECTED']);
  });

  it('a leg rejected mid-sequence under COMPLETE keeps trying and completes the basket', async () => {
    const { engine, broker, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('COMPLETE'));
    const resolved = resolvedInstrument(engine, created.definition, 'L3'); // sell PE −4
    broker.rejectNext(resolved, 2); // more than one round's attempts, fewer than the completion rounds
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const active = await waitForStatus(engine, userId, created.id, 'ACTIVE');

    expect(Object.keys(bookQuantities(engine, accountId, created.id))).toHaveLength(4);
    expect(active.runtime.legs.every((leg) => leg.entryPrice !== null)).toBe(true);
    const { actions } = await engine.services.portfolios.get(created.id, userId);
    expect(actions.filter((action) => action.kind === 'LEG_FAILED').length).toBeGreaterThanOrEqual(1);
    expect(actions[0]?.kind).toBe('ENTERED');
  });

  it('COMPLETE that still cannot fill the leg stops with the built legs kept and an alert', async () => {
    const { engine, broker, clock, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('COMPLETE'));
    const resolved = resolvedInstrument(engine, created.definition, 'L3');
    broker.rejectNext(resolved, Number.POSITIVE_INFINITY);
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const failed = await waitForStatus(engine, userId, created.id, 'FAILED');

    expect(failed.statusReason).toMatch(/could not be completed .* kept: complete or exit the portfolio by hand/);
    expect(Object.keys(bookQuantities(engine, accountId, created.id))).toHaveLength(3);
    // The trader can still exit what was built (a second later: the retries used the segment's order-rate budget).
    clock.advance(1_000);
    await engine.services.portfolios.exit(created.id, userId);
    await waitForStatus(engine, userId, created.id, 'CLOSED').catch(async (error: unknown) => {
      console.log(JSON.stringify((await engine.services.portfolios.get(created.id, userId)).actions.map((a) => [a.kind, a.message])));
      throw error;
    });
    expect(bookQuantities(engine, accountId, created.id)).toEqual({});
  });

  it("a leg's own order type overrides the portfolio's: its order is priced as a buffered limit, the others with market protection", async () => {
    const { engine, userId, accountId } = await setup();
    const legs = applyTemplate('IRON_CONDOR').map((leg) => (leg.id === 'L1' ? { ...leg, orderType: 'LIMIT' as const } : leg));
    const created = await engine.services.portfolios.create(userId, accountId, definition({ legs, execution: { orderType: 'MARKET', limitBufferPercent: 0.5, marketProtectionPercent: 2 } }));
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const active = await waitForStatus(engine, userId, created.id, 'ACTIVE');
    const orders = portfolioOrders(engine, accountId, created.id);
    const priceOf = (legId: string) => {
      const instrumentId = active.runtime.legs.find((leg) => leg.legId === legId)!.instrumentId;
      const tick = engine.services.market.latest(instrumentId)!;
      const tickSize = engine.services.catalog.get(instrumentId)!.tickSize;
      return { order: orders.find((order) => order.instrumentId === instrumentId)!, tick, tickSize };
    };
    const limitLeg = priceOf('L1'); // sell: LTP (within the touch) − 0.5 %
    expect(limitLeg.order.price).toBe(bufferedLimitPrice(markPrice(limitLeg.tick), 'SELL', 50, limitLeg.tickSize));
    const marketLeg = priceOf('L3'); // sell: bid − 2 %
    expect(marketLeg.order.price).toBe(bufferedLimitPrice(marketLeg.tick.bid!, 'SELL', 200, marketLeg.tickSize));
  });

  it('a short leg the trader bought back from the terminal leaves the portfolio\'s book, at the ticket\'s price; the exit closes the rest and buys nothing twice', async () => {
    const { engine, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('UNWIND'));
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const active = await waitForStatus(engine, userId, created.id, 'ACTIVE');
    const short = active.runtime.legs.find((leg) => leg.side === 'SELL')!;
    const product = created.definition.settings.product;
    const bought = await buyBackFromTicket(engine, { accountId, userId }, short, product);
    expect(bought.status).toBe('FILLED');
    expect(bookQuantities(engine, accountId, created.id)[short.instrumentId]).toBeUndefined();
    const leg = engine.services.state.bookPositionsOf(accountId).find((position) => position.portfolioId === created.id && position.instrumentId === short.instrumentId)!;
    const sold = portfolioOrders(engine, accountId, created.id).filter((order) => order.instrumentId === short.instrumentId);
    expect(leg.realizedPnl).toBe(sold.reduce((sum, order) => sum + order.filledValue, 0) - bought.filledValue);

    await engine.services.portfolios.exit(created.id, userId);
    const closed = await waitForStatus(engine, userId, created.id, 'CLOSED');
    expect(closed.statusReason).toMatch(/^Exited \(exit requested\)/);
    // The other three legs are closed; the account is flat in every leg, the bought-back one included.
    const net = (instrumentId: string) => engine.services.state.netQuantity(accountId, instrumentId, product);
    expect(active.runtime.legs.map((each) => net(each.instrumentId))).toEqual([0, 0, 0, 0]);
    expect(bookQuantities(engine, accountId, created.id)).toEqual({});
    expect(portfolioOrders(engine, accountId, created.id).filter((order) => order.instrumentId === short.instrumentId)).toHaveLength(1); // its entry only
    // Flat, it may be deleted (a stale book used to hold it forever: PORTFOLIO_HAS_POSITIONS).
    await engine.services.portfolios.remove(created.id, userId);
  });

  it("an exit leg's order cancelled outside the portfolio (a kill switch's cancel) is not sent again: it would race that flatten's exit", async () => {
    const { engine, broker, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('UNWIND'));
    await engine.services.portfolios.startPortfolio(created.id, userId);
    const active = await waitForStatus(engine, userId, created.id, 'ACTIVE');
    const short = active.runtime.legs.find((leg) => leg.side === 'SELL')!;
    broker.holdOrders(short.instrumentId); // the exit's buy for it rests at the broker
    const exiting = engine.services.portfolios.exit(created.id, userId);
    const resting = await waitUntil(() => engine.services.state.openOrdersOf(accountId).find((order) => order.instrumentId === short.instrumentId && order.status === 'OPEN'), { message: 'the exit order resting' });
    await engine.services.orders.cancel({ accountId, userId, cancel: { orderId: resting.orderId } });
    await exiting;
    const failed = await waitForStatus(engine, userId, created.id, 'FAILED');
    expect(failed.statusReason).toMatch(/the order was cancelled outside the portfolio \(a kill switch or a square-off\); not sent again/);
    const exitsOfShort = portfolioOrders(engine, accountId, created.id).filter((order) => order.instrumentId === short.instrumentId && order.side === 'BUY');
    expect(exitsOfShort.map((order) => order.status)).toEqual(['CANCELED']);
  });

  it('refuses to start while running and to delete while holding positions', async () => {
    const { engine, database, userId, accountId } = await setup();
    const created = await engine.services.portfolios.create(userId, accountId, condor('UNWIND'));
    await engine.services.portfolios.startPortfolio(created.id, userId);
    await waitForStatus(engine, userId, created.id, 'ACTIVE');
    await expect(engine.services.portfolios.startPortfolio(created.id, userId)).rejects.toMatchObject({ code: 'PORTFOLIO_BUSY' });
    await expect(engine.services.portfolios.update(created.id, userId, 1, created.definition)).rejects.toMatchObject({ code: 'PORTFOLIO_BUSY' });
    const stopped = await engine.services.portfolios.stop(created.id, userId);
    await expect(engine.services.portfolios.remove(created.id, userId)).rejects.toMatchObject({ code: 'PORTFOLIO_HAS_POSITIONS' });
    // Its legs stay what it holds: another template is refused, a settings change is not.
    const straddle = { ...stopped.definition, legs: applyTemplate('SHORT_STRADDLE') };
    await expect(engine.services.portfolios.update(created.id, userId, stopped.version, straddle)).rejects.toMatchObject({ code: 'PORTFOLIO_HAS_POSITIONS' });
    const renamed = { ...stopped.definition, settings: { ...stopped.definition.settings, name: 'condor, stopped' } };
    expect((await engine.services.portfolios.update(created.id, userId, stopped.version, renamed)).definition.settings.name).toBe('condor, stopped');
    const other = await createTrader(database);
    await expect(engine.services.portfolios.get(created.id, other.userId)).rejects.toMatchObject({ code: 'PORTFOLIO_NOT_FOUND' });
  });
});

/** The portfolio's orders in the order they were placed. */
const portfolioOrders = (engine: RunningEngine, accountId: Parameters<RunningEngine['services']['state']['ordersOf']>[0], portfolioId: string) =>
  engine.services.state
    .ordersOf(accountId)
    .filter((order) => order.portfolioId === portfolioId)
    .sort((a, b) => a.createdAt - b.createdAt || a.orderId.localeCompare(b.orderId, undefined, { numeric: true }));

function resolvedInstrument(engine: RunningEngine, def: Parameters<RunningEngine['services']['portfolios']['create']>[2], legId: string): string {
  const chains = engine.services.chains;
  const expiry = chains.expiries('NIFTY')[0]!.expiry;
  const chain = chains.get({ underlying: 'NIFTY', expiry, strikesEachSide: 30 });
  const leg = def.legs.find((candidate) => candidate.id === legId)!;
  if (leg.strike.mode !== 'ATM_OFFSET') throw new Error('template legs use ATM offsets');
  const index = chain.rows.findIndex((row) => row.strike === chain.atmStrike) + leg.strike.steps;
  const row = chain.rows[index]!;
  return (leg.kind === 'CE' ? row.call : row.put)!.instrumentId;
}
