import { afterEach, describe, expect, it } from 'vitest';
import { applyTemplate, type Order, type PlaceOrderInput, type Product } from '@strikedesk/domain';
import { loadEngineEnv, intradaySquareOffMinute } from '../env.ts';
import type { RunningEngine } from '../engine.ts';
import { bookQuantities, createTrader, definition, waitForStatus } from '../testing/portfolio-fixtures.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingBuyPrice, startTestEngine, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Wednesday 2026-12-09 at hh:mm IST. */
const ist = (hours: number, minutes: number): number => Date.UTC(2026, 11, 9, hours - 5, minutes - 30);

async function setup(at: number) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(at);
  const engine: RunningEngine = await startTestEngine(database, clock, { env: { MARKET_ALWAYS_OPEN: 'false', INTRADAY_SQUARE_OFF_IST: '15:15' } });
  cleanups.push(() => engine.close());
  const future = engine.services.catalog.chains[0]!.future;
  /** Steps the in-process paper venue (it matches on market steps) until `done` holds. */
  const stepUntil = async (done: () => boolean): Promise<void> => {
    for (let step = 0; step < 50 && !done(); step += 1) {
      clock.advance(250);
      engine.runner.stepNow();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(done()).toBe(true);
  };
  const net = (product: Product): number => engine.services.state.positionsOf(ACCOUNT_A).find((position) => position.instrumentId === future.id && position.product === product)?.netQuantity ?? 0;
  const submit = (order: Partial<PlaceOrderInput>): Promise<Order> =>
    engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: future.lotSize, price: null, triggerPrice: null, ...order } as PlaceOrderInput,
    });
  const buy = async (product: Product, lots: number): Promise<void> => {
    const before = net(product);
    await submit({ product, quantity: lots * future.lotSize });
    await stepUntil(() => net(product) === before + lots * future.lotSize);
  };
  return { engine, clock, database, future, stepUntil, net, submit, buy };
}

describe('intraday (MIS) square-off at the cut-off', () => {
  it('closes MIS positions and cancels working MIS orders at 15:15 IST; NRML is carried untouched', async () => {
    const { engine, clock, future, stepUntil, net, submit, buy } = await setup(ist(15, 5));
    await buy('MIS', 2);
    await buy('NRML', 1);
    const restingMis = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future.id) });
    const restingNrml = await submit({ type: 'LIMIT', product: 'NRML', price: restingBuyPrice(engine, future.id) });
    expect([restingMis.status, restingNrml.status]).toEqual(['OPEN', 'OPEN']);

    const squareOff = engine.services.intradaySquareOff;
    expect(await squareOff.check()).toEqual([]); // 15:05: not yet
    expect(net('MIS')).toBe(2 * future.lotSize);

    clock.time = ist(15, 15);
    const round = squareOff.check();
    let finished = false;
    void round.finally(() => (finished = true));
    await stepUntil(() => finished && net('MIS') === 0);
    expect(await round).toEqual([{ accountId: ACCOUNT_A, canceled: 1, exits: 1 }]);

    const orders = engine.services.state.ordersOf(ACCOUNT_A);
    const exits = orders.filter((order) => order.origin === 'AUTO_SQUARE_OFF');
    expect(exits.map((order) => [order.side, order.product, order.quantity, order.status])).toEqual([['SELL', 'MIS', 2 * future.lotSize, 'FILLED']]);
    expect(engine.services.state.order(restingMis.orderId)?.status).toBe('CANCELED');
    expect(engine.services.state.order(restingNrml.orderId)?.status).toBe('OPEN');
    expect(net('NRML')).toBe(future.lotSize);

    // Nothing left to do: the next checks leave the account alone.
    clock.advance(60_000);
    expect(await squareOff.check()).toEqual([]);
  });

  it('after the cut-off an MIS order may only take an MIS position towards flat', async () => {
    const { engine, clock, future, net, submit, buy } = await setup(ist(15, 10));
    await buy('MIS', 2);
    clock.time = ist(15, 20); // past the cut-off, before the square-off's check ran
    const lot = future.lotSize;
    const last = engine.services.market.latest(future.id)!.lastPrice;
    const above = (Math.ceil((last * 1.05) / future.tickSize) * future.tickSize) as PlaceOrderInput['price'];

    const adding = await submit({ side: 'BUY', quantity: lot });
    expect([adding.status, adding.reasonCode]).toEqual(['DENIED', 'INTRADAY_CUTOFF']);
    expect(adding.reasonMessage).toContain('15:15 IST');
    const flipping = await submit({ side: 'SELL', quantity: 3 * lot });
    expect([flipping.status, flipping.reasonCode]).toEqual(['DENIED', 'INTRADAY_CUTOFF']);

    expect((await submit({ side: 'BUY', product: 'NRML', type: 'LIMIT', price: restingBuyPrice(engine, future.id) })).status).toBe('OPEN');
    // Reducing orders pass, counted with the working ones on the same side.
    expect((await submit({ side: 'SELL', type: 'LIMIT', price: above, quantity: lot })).status).toBe('OPEN');
    const beyond = await submit({ side: 'SELL', type: 'LIMIT', price: above, quantity: 2 * lot });
    expect(beyond.reasonCode).toBe('INTRADAY_CUTOFF');
    expect((await submit({ side: 'SELL', type: 'LIMIT', price: above, quantity: lot })).status).toBe('OPEN');
    expect(net('MIS')).toBe(2 * lot);
  });

  it('MIS portfolios exit by their own exit at the cut-off; NRML portfolios carry on', async () => {
    const { engine, clock, database } = await setup(ist(15, 5));
    engine.runner.stepNow();
    const { userId, accountId } = await createTrader(database);
    const straddle = (product: Product) => definition({ legs: applyTemplate('LONG_STRADDLE'), settings: { name: product, underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product } });
    const portfolios = engine.services.portfolios;
    const intraday = await portfolios.create(userId, accountId, straddle('MIS'));
    const carried = await portfolios.create(userId, accountId, straddle('NRML'));
    for (const portfolio of [intraday, carried]) {
      await portfolios.startPortfolio(portfolio.id, userId);
      await waitForStatus(engine, userId, portfolio.id, 'ACTIVE');
    }

    clock.time = ist(15, 15);
    const round = engine.services.intradaySquareOff.check();
    let finished = false;
    void round.finally(() => (finished = true));
    for (let step = 0; step < 100 && !finished; step += 1) {
      clock.advance(250);
      engine.runner.stepNow();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // The portfolio closed its own book, so the account's flatten found nothing left in MIS.
    expect(await round).toEqual([]);
    const closed = await waitForStatus(engine, userId, intraday.id, 'CLOSED');
    expect(closed.statusReason).toMatch(/Exited \(exit time\)/);
    expect(bookQuantities(engine, accountId, intraday.id)).toEqual({});
    const { actions } = await portfolios.get(intraday.id, userId);
    expect(actions.find((action) => action.kind === 'EXIT_TRIGGERED')?.message).toContain('Intraday cut-off (15:15 IST)');
    expect((await portfolios.get(carried.id, userId)).portfolio.status).toBe('ACTIVE');
    expect(Object.values(bookQuantities(engine, accountId, carried.id))).toHaveLength(2);
  });

  it('is off in the always-open sandbox unless set, and 15:15 IST by default on exchange hours', () => {
    const base = { ENGINE_TOKEN: 'x'.repeat(16), DATABASE_URL: 'postgres://localhost/x' };
    expect(intradaySquareOffMinute(loadEngineEnv(base))).toBeNull();
    expect(intradaySquareOffMinute(loadEngineEnv({ ...base, MARKET_ALWAYS_OPEN: 'false' }))).toBe(15 * 60 + 15);
    expect(intradaySquareOffMinute(loadEngineEnv({ ...base, MARKET_ALWAYS_OPEN: 'false', INTRADAY_SQUARE_OFF_IST: 'off' }))).toBeNull();
    expect(intradaySquareOffMinute(loadEngineEnv({ ...base, INTRADAY_SQUARE_OFF_IST: '14:45' }))).toBe(14 * 60 + 45);
    expect(() => loadEngineEnv({ ...base, INTRADAY_SQUARE_OFF_IST: '25:00' })).toThrow(/INTRADAY_SQUARE_OFF_IST must be HH:MM/);
  });
});
