import { afterEach, describe, expect, it } from 'vitest';
import { applyTemplate, paise, type PortfolioDefinitionInput, type PortfolioLegInput } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { bookQuantities, buyBackFromTicket, createTrader, definition, moveNifty, niftySpot } from '../testing/portfolio-fixtures.ts';
import { createTestDatabase, ManualClock, startTestEngine, TEST_START } from '../testing/test-engine.ts';

/**
 * Each monitor against scripted price paths of the seeded simulator: NIFTY is moved step by step
 * and every step goes through the real path (tick → manager → runner → rules → orders → fills).
 * Each test asserts the step at which the monitor fires, and that it did not fire before.
 */
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

const MINUTE = 60_000;
const rupees = (value: number) => paise(value * 100);

async function setup(start = TEST_START) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(start);
  const engine: RunningEngine = await startTestEngine(database, clock);
  cleanups.push(() => engine.close());
  engine.runner.stepNow();
  const trader = await createTrader(database);
  const s0 = niftySpot(engine).spot;
  return { engine, clock, database, s0, ...trader };
}

async function running(context: Awaited<ReturnType<typeof setup>>, input: Partial<PortfolioDefinitionInput> & { legs: PortfolioLegInput[] }) {
  const { engine, userId, accountId } = context;
  const portfolio = await engine.services.portfolios.create(userId, accountId, definition(input));
  await engine.services.portfolios.startPortfolio(portfolio.id, userId);
  await engine.services.portfolios.idle(portfolio.id);
  const status = async () => (await engine.services.portfolios.get(portfolio.id, userId)).portfolio;
  /** One step of the path: NIFTY to `factor` × the starting spot, then wait for the portfolio to act on it. */
  const step = async (factor: number, advanceMs = 1_000) => {
    moveNifty(engine, context.clock, context.s0 * factor, advanceMs);
    await engine.services.portfolios.idle(portfolio.id);
    return status();
  };
  const kinds = async () => (await engine.services.portfolios.get(portfolio.id, userId)).actions.map((action) => action.kind).reverse();
  return { id: portfolio.id, status, step, kinds };
}

const leg = (side: 'BUY' | 'SELL', kind: 'CE' | 'PE', steps: number, extra: Partial<PortfolioLegInput> = {}): PortfolioLegInput => ({
  id: `${side[0]}${kind}${steps < 0 ? 'm' : ''}${Math.abs(steps)}`,
  side,
  kind,
  strike: { mode: 'ATM_OFFSET', steps },
  lots: 1,
  ...extra,
});

describe('portfolio monitors on scripted price paths', () => {
  it('combined MTM target: a long straddle exits on the step the move pays the target', async () => {
    const context = await setup();
    const pf = await running(context, { legs: applyTemplate('LONG_STRADDLE'), exit: { target: { unit: 'RUPEES', amount: rupees(10_000) } } });
    expect((await pf.status()).status).toBe('ACTIVE');
    expect((await pf.step(1.002)).status).toBe('ACTIVE');
    expect((await pf.step(1.01)).status).toBe('ACTIVE');
    const closed = await pf.step(1.04);
    expect(closed.status).toBe('CLOSED');
    expect(closed.statusReason).toMatch(/target/i);
    expect(bookQuantities(context.engine, context.accountId, pf.id)).toEqual({});
    const { actions } = await context.engine.services.portfolios.get(pf.id, context.userId);
    const trigger = actions.find((action) => action.kind === 'EXIT_TRIGGERED');
    expect(trigger?.snapshot?.mtm).toBeGreaterThanOrEqual(rupees(10_000));
    expect(trigger?.snapshot?.underlying).toBeGreaterThan(context.s0 * 1.03);
  });

  it('combined MTM stop loss re-enters once, then stops for good on the second stop', async () => {
    const context = await setup();
    const pf = await running(context, { legs: applyTemplate('SHORT_STRADDLE'), exit: { stopLoss: { unit: 'RUPEES', amount: rupees(8_000) }, maxReentries: 1 } });
    expect((await pf.step(1.003)).status).toBe('ACTIVE');
    const afterStop = await pf.step(1.03);
    // Stopped out, then (entry rule IMMEDIATE) entered again at the new level.
    expect(['WAITING_ENTRY', 'ACTIVE']).toContain(afterStop.status);
    const reentered = await pf.step(1.03);
    expect(reentered.status).toBe('ACTIVE');
    expect(reentered.runtime.entries).toBe(2);
    const final = await pf.step(1.06);
    expect(final.status).toBe('CLOSED');
    expect(await pf.kinds()).toEqual(
      expect.arrayContaining(['ENTERED', 'EXIT_TRIGGERED', 'EXITED', 'REENTRY', 'ENTERED', 'EXIT_TRIGGERED', 'EXITED']),
    );
    expect((await pf.kinds()).filter((kind) => kind === 'REENTRY')).toHaveLength(1);
    expect(bookQuantities(context.engine, context.accountId, pf.id)).toEqual({});
  });

  it('trailing stop on combined MTM: locks in after the profit threshold and exits on the pull-back', async () => {
    const context = await setup();
    const pf = await running(context, {
      legs: [leg('BUY', 'CE', 0)],
      exit: { trailing: { lockProfitAt: rupees(5_000), trailBy: rupees(3_000) } },
    });
    expect((await pf.step(1.01)).status).toBe('ACTIVE');
    const peak = await pf.step(1.02);
    expect(peak.status).toBe('ACTIVE');
    expect(peak.runtime.peakMtm).toBeGreaterThan(rupees(5_000));
    expect((await pf.step(1.0195)).status).toBe('ACTIVE'); // a dip smaller than ₹3,000
    const exited = await pf.step(1.012);
    expect(exited.status).toBe('CLOSED');
    expect(exited.statusReason).toMatch(/trailing/i);
  });

  it('per-leg stop loss closes only its leg; the rest of the portfolio runs on', async () => {
    const context = await setup();
    const pf = await running(context, {
      legs: [leg('SELL', 'CE', 0, { stopLoss: { unit: 'PERCENT', percent: 30 } }), leg('SELL', 'PE', 0, { stopLoss: { unit: 'PERCENT', percent: 30 } })],
    });
    const ce = (await pf.status()).runtime.legs.find((entered) => entered.legId === 'SCE0')!;
    expect(ce.stopPrice).toBeGreaterThan(ce.entryPrice!);
    const after = await pf.step(1.02);
    expect(after.status).toBe('ACTIVE');
    expect(after.runtime.legs.find((entered) => entered.legId === 'SCE0')?.closed).toBe(true);
    expect(after.runtime.legs.find((entered) => entered.legId === 'SPE0')?.closed).toBe(false);
    expect(Object.values(bookQuantities(context.engine, context.accountId, pf.id))).toEqual([-65]);
    expect(await pf.kinds()).toContain('LEG_STOP');
  });

  it('a leg the trader bought back from the ticket is marked closed with an alert; its stop sends nothing', async () => {
    const context = await setup();
    const { engine, userId, accountId } = context;
    const pf = await running(context, { legs: [leg('SELL', 'CE', 0, { stopLoss: { unit: 'PERCENT', percent: 30 } }), leg('SELL', 'PE', 0)] });
    const ce = (await pf.status()).runtime.legs.find((entered) => entered.legId === 'SCE0')!;
    const product = (await pf.status()).definition.settings.product;
    const bought = await buyBackFromTicket(engine, { accountId, userId }, ce, product);
    expect(bought.status).toBe('FILLED');
    const after = await pf.step(1.0);
    expect(after.status).toBe('ACTIVE');
    expect(after.runtime.legs.find((entered) => entered.legId === 'SCE0')?.closed).toBe(true);
    const { actions } = await engine.services.portfolios.get(pf.id, userId);
    expect(actions.find((action) => action.kind === 'ALERT')?.message).toMatch(/: closed outside the portfolio \(an order of no portfolio, e.g\. from the ticket, took the position\); the leg is marked closed\.$/);
    const stopped = await pf.step(1.02); // the CE's stop would be hit: nothing is sent
    expect(stopped.status).toBe('ACTIVE');
    expect(engine.services.state.netQuantity(accountId, ce.instrumentId, product)).toBe(0); // no new long
    expect(engine.services.state.ordersOf(accountId).filter((order) => order.instrumentId === ce.instrumentId)).toHaveLength(2); // the entry and the trader's buy
    expect(await pf.kinds()).not.toContain('LEG_STOP');
  });

  it('time exit squares off at the configured IST time, not before', async () => {
    const context = await setup();
    const pf = await running(context, { legs: applyTemplate('SHORT_STRANGLE'), exit: { exitAt: '11:30' } });
    expect((await pf.step(1, 29 * MINUTE)).status).toBe('ACTIVE'); // 11:29
    const closed = await pf.step(1, MINUTE); // 11:30
    expect(closed.status).toBe('CLOSED');
    expect(closed.statusReason).toMatch(/exit time/);
  });

  for (const direction of ['UP', 'DOWN'] as const) {
    it(`range breakout ${direction}: builds the 11:00–11:05 range, ignores moves inside it and the other side, enters on the break`, async () => {
      const context = await setup();
      const sign = direction === 'UP' ? 1 : -1;
      const pf = await running(context, {
        legs: applyTemplate('SHORT_STRADDLE'),
        entry: { rule: { kind: 'RANGE_BREAKOUT', source: 'UNDERLYING', windowStart: '11:00', windowEnd: '11:05', direction } },
      });
      expect((await pf.step(1.002, MINUTE)).status).toBe('WAITING_ENTRY'); // 11:01, building
      expect((await pf.step(0.998, MINUTE)).status).toBe('WAITING_ENTRY'); // 11:02
      const built = await pf.step(1.0, 4 * MINUTE); // 11:06, window over
      expect(built.status).toBe('WAITING_ENTRY');
      expect(built.runtime.range?.high).toBeGreaterThanOrEqual(Math.round(context.s0 * 1.0019));
      expect(built.runtime.range?.low).toBeLessThanOrEqual(Math.round(context.s0 * 0.9981));
      expect((await pf.step(1 + sign * 0.001)).status).toBe('WAITING_ENTRY'); // inside the range
      expect((await pf.step(1 - sign * 0.004)).status).toBe('WAITING_ENTRY'); // a break the other way
      const entered = await pf.step(1 + sign * 0.004);
      expect(entered.status).toBe('ACTIVE');
      expect(entered.statusReason).toMatch(/Entered/);
      const { actions } = await context.engine.services.portfolios.get(pf.id, context.userId);
      const trigger = actions.find((action) => action.kind === 'ENTRY_TRIGGERED')!;
      expect(trigger.message).toMatch(direction === 'UP' ? /upwards/ : /downwards/);
      expect(Math.sign(trigger.snapshot!.underlying! - context.s0)).toBe(sign);
    });
  }

  it('dynamic delta hedge trades futures when net delta leaves the band, and the exit closes the hedge too', async () => {
    const context = await setup();
    const pf = await running(context, { legs: applyTemplate('SHORT_STRADDLE'), hedge: { deltaBand: 20, instrument: 'FUTURE', maxHedges: 3 } });
    expect((await pf.step(1.0005)).runtime.hedges).toBe(0); // near ATM: delta inside ±20
    const hedged = await pf.step(1.02);
    expect(hedged.runtime.hedges).toBe(1);
    const future = context.engine.services.catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY')!.future.id;
    const book = bookQuantities(context.engine, context.accountId, pf.id);
    expect(book[future]).toBe(65); // short straddle after a rise is short delta: bought one lot of futures
    const { actions, live } = await context.engine.services.portfolios.get(pf.id, context.userId);
    const hedge = actions.find((action) => action.kind === 'HEDGE')!;
    expect(hedge.detail).toMatchObject({ side: 'BUY', quantity: 65, instrumentId: future });
    expect(Math.abs(Number(hedge.detail.netDelta))).toBeGreaterThan(20);
    expect(Math.abs(live!.netDelta!)).toBeLessThanOrEqual(20);
    await context.engine.services.portfolios.exit(pf.id, context.userId);
    await context.engine.services.portfolios.idle(pf.id);
    expect(bookQuantities(context.engine, context.accountId, pf.id)).toEqual({});
  });

  it('interval monitoring acts only every N seconds', async () => {
    const context = await setup();
    const pf = await running(context, {
      legs: applyTemplate('LONG_STRADDLE'),
      exit: { target: { unit: 'RUPEES', amount: rupees(10_000) } },
      monitoring: { mode: 'INTERVAL', everySeconds: 60 },
    });
    expect((await pf.step(1.04, 10_000)).status).toBe('ACTIVE'); // target reached, but only 10 s since the last look
    expect((await pf.step(1.04, 50_000)).status).toBe('CLOSED'); // 60 s: evaluated, exits
  });

  it("the trader's exit still works while the kill switch blocks new orders (exits go out as square-offs)", async () => {
    const context = await setup();
    const pf = await running(context, { legs: applyTemplate('SHORT_STRADDLE') });
    await context.engine.services.killSwitch.engage({ accountId: context.accountId, userId: context.userId, halt: { scope: 'ACCOUNT', reason: 'hands off', flatten: false } });
    await expect.poll(async () => (await pf.status()).status).toBe('STOPPED');
    expect(Object.keys(bookQuantities(context.engine, context.accountId, pf.id))).toHaveLength(2);
    await context.engine.services.portfolios.exit(pf.id, context.userId);
    await context.engine.services.portfolios.idle(pf.id);
    expect((await pf.status()).status).toBe('CLOSED');
    expect(bookQuantities(context.engine, context.accountId, pf.id)).toEqual({});
    const exits = context.engine.services.state.ordersOf(context.accountId).filter((order) => order.portfolioId === pf.id && order.origin === 'SQUARE_OFF');
    expect(exits.map((order) => order.status)).toEqual(['FILLED', 'FILLED']);
  });

  it('the kill switch stops all automation of the account', async () => {
    const context = await setup();
    const pf = await running(context, { legs: applyTemplate('SHORT_STRADDLE'), exit: { stopLoss: { unit: 'RUPEES', amount: rupees(8_000) } } });
    await context.engine.services.killSwitch.engage({ accountId: context.accountId, userId: context.userId, halt: { scope: 'ACCOUNT', reason: 'enough for today', flatten: true } });
    await expect.poll(async () => (await pf.status()).status).toBe('STOPPED');
    expect((await pf.status()).statusReason).toMatch(/Automation stopped/);
    // Stopped automation no longer acts on the market.
    const after = await pf.step(1.05);
    expect(after.status).toBe('STOPPED');
    expect(await pf.kinds()).not.toContain('EXIT_TRIGGERED');
    // The kill switch's flattening closed the portfolio's book too: nothing is left to exit twice.
    await expect.poll(() => bookQuantities(context.engine, context.accountId, pf.id)).toEqual({});
    await expect(context.engine.services.portfolios.exit(pf.id, context.userId)).rejects.toMatchObject({ code: 'PORTFOLIO_NOT_ACTIVE' });
  });
});
