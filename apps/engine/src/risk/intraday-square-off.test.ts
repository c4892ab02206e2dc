import { afterEach, describe, expect, it } from 'vitest';
import { applyTemplate, asTradeId, paise, type Order, type PlaceOrderInput, type Product } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { BrokerOrderRequest } from '../brokers/broker.ts';
import { loadEngineEnv, intradaySquareOffMinute } from '../env.ts';
import type { RunningEngine } from '../engine.ts';
import { bookQuantities, createTrader, definition, waitForStatus } from '../testing/portfolio-fixtures.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { acceptRequest, scriptedBrokerOrderId, submitToScripted } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingBuyPrice, startTestEngine, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Wednesday 2026-12-09 at hh:mm IST. */
const ist = (hours: number, minutes: number): number => Date.UTC(2026, 11, 9, hours - 5, minutes - 30);
const CUTOFF_ENV = { MARKET_ALWAYS_OPEN: 'false', INTRADAY_SQUARE_OFF_IST: '15:15' };

async function setup(at: number) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(at);
  const engine: RunningEngine = await startTestEngine(database, clock, { env: CUTOFF_ENV });
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

  it('a later round leaves a working exit to finish instead of cancelling it and sending another', async () => {
    const broker = new ScriptedBroker();
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(ist(15, 10));
    const engine: RunningEngine = await startTestEngine(database, clock, { createBroker: () => broker, env: CUTOFF_ENV });
    cleanups.push(() => engine.close());
    const lot = engine.services.catalog.chains[0]!.future.lotSize;
    const fill = (request: BrokerOrderRequest, quantity: number) =>
      broker.emit({ kind: 'filled', clientOrderId: request.clientOrderId, accountId: request.accountId, brokerOrderId: scriptedBrokerOrderId(request), tradeId: asTradeId(`T-${request.clientOrderId}`), quantity, price: paise(2_600_000), executedAt: clock.now() });
    const netMis = () => engine.services.state.positionsOf(ACCOUNT_A).find((position) => position.product === 'MIS')?.netQuantity ?? 0;
    const { submitted, request } = await submitToScripted(engine, broker, { order: { product: 'MIS', quantity: 2 * lot } });
    acceptRequest(broker, request);
    fill(request, 2 * lot);
    await submitted;
    await waitUntil(() => netMis() === 2 * lot || undefined, { message: 'long 2 lots MIS' });

    clock.time = ist(15, 15);
    const first = engine.services.intradaySquareOff.check();
    const exit = await waitUntil(() => broker.placed[1], { message: 'the exit reaches the broker' });
    expect([exit.side, exit.quantity, exit.product]).toEqual(['SELL', 2 * lot, 'MIS']);
    acceptRequest(broker, exit); // working, not filled: no depth, say
    expect(await first).toEqual([{ accountId: ACCOUNT_A, canceled: 0, exits: 1 }]);

    clock.advance(31_000);
    expect(await engine.services.intradaySquareOff.check()).toEqual([{ accountId: ACCOUNT_A, canceled: 0, exits: 0 }]);
    expect(broker.canceled).toEqual([]);
    expect(broker.placed).toHaveLength(2);

    fill(exit, 2 * lot);
    await waitUntil(() => netMis() === 0 || undefined, { message: 'flat' });
    clock.advance(31_000);
    expect(await engine.services.intradaySquareOff.check()).toEqual([]);
  });

  it('keeps a young exit working but replaces a LIMIT exit left resting at market', async () => {
    const { engine, clock, future, stepUntil, net, buy } = await setup(ist(15, 10));
    await buy('MIS', 1);
    clock.time = ist(15, 14) + 50_000;
    const last = engine.services.market.latest(future.id)!.lastPrice;
    const above = (Math.ceil((last * 1.04) / future.tickSize) * future.tickSize) as PlaceOrderInput['price'];
    const resting = await engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'SQUARE_OFF',
      order: { instrumentId: future.id, side: 'SELL', type: 'LIMIT', product: 'MIS', quantity: future.lotSize, price: above, triggerPrice: null },
    });
    expect(resting.status).toBe('OPEN');

    clock.time = ist(15, 15);
    expect(await engine.services.intradaySquareOff.check()).toEqual([{ accountId: ACCOUNT_A, canceled: 0, exits: 0 }]);
    expect(engine.services.state.order(resting.orderId)?.status).toBe('OPEN');

    clock.advance(31_000); // the trader's exit still rests 4% away: replaced at market
    const round = engine.services.intradaySquareOff.check();
    let finished = false;
    void round.finally(() => (finished = true));
    await stepUntil(() => finished && net('MIS') === 0);
    expect(await round).toEqual([{ accountId: ACCOUNT_A, canceled: 1, exits: 1 }]);
    expect(engine.services.state.order(resting.orderId)?.status).toBe('CANCELED');
  });

  it('after the cut-off a modify that only lowers an MIS order passes; one that raises it does not', async () => {
    const { engine, clock, future, submit } = await setup(ist(15, 10));
    const resting = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future.id), quantity: 2 * future.lotSize });
    clock.time = ist(15, 20);
    const modify = (quantity: number) => engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: resting.orderId, quantity } });
    await expect(modify(3 * future.lotSize)).rejects.toMatchObject({ code: 'INTRADAY_CUTOFF' });
    expect((await modify(future.lotSize)).quantity).toBe(future.lotSize);
  });

  it('leaves an account under a reconciliation halt alone (its positions are in doubt)', async () => {
    const { engine, clock, future, net, buy } = await setup(ist(15, 10));
    await buy('MIS', 1);
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'RECONCILIATION', reason: 'fills differ', flatten: false, engagedBy: null });
    clock.time = ist(15, 16);
    expect(await engine.services.intradaySquareOff.check()).toEqual([]);
    expect(net('MIS')).toBe(future.lotSize);
    expect(engine.services.state.ordersOf(ACCOUNT_A).some((order) => order.origin === 'AUTO_SQUARE_OFF')).toBe(false);
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
    // Not again today; an NRML one may start.
    await expect(portfolios.startPortfolio(intraday.id, userId)).rejects.toMatchObject({ code: 'INTRADAY_CUTOFF' });
    const later = await portfolios.create(userId, accountId, straddle('NRML'));
    expect((await portfolios.startPortfolio(later.id, userId)).status).toBe('WAITING_ENTRY');
  });

  it("a portfolio's slow exit does not hold up the other MIS positions", async () => {
    const broker = new ScriptedBroker();
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(ist(15, 5));
    const engine: RunningEngine = await startTestEngine(database, clock, { createBroker: () => broker, env: CUTOFF_ENV, portfolioRetryPauseMs: 20 });
    cleanups.push(() => engine.close());
    engine.runner.stepNow();
    // The broker fills everything it is sent until told to go quiet (then the portfolio's exit hangs).
    let answering = true;
    let answered = 0;
    const answer = setInterval(() => {
      for (; answering && answered < broker.placed.length; answered += 1) {
        const request = broker.placed[answered]!;
        acceptRequest(broker, request);
        broker.emit({ kind: 'filled', clientOrderId: request.clientOrderId, accountId: request.accountId, brokerOrderId: scriptedBrokerOrderId(request), tradeId: asTradeId(`T-${request.clientOrderId}`), quantity: request.quantity, price: request.price ?? paise(10_000), executedAt: clock.now() });
      }
    }, 5);
    cleanups.push(async () => clearInterval(answer));
    const { userId, accountId } = await createTrader(database);
    const portfolio = await engine.services.portfolios.create(userId, accountId, definition({ legs: applyTemplate('LONG_STRADDLE') }));
    await engine.services.portfolios.startPortfolio(portfolio.id, userId);
    await waitForStatus(engine, userId, portfolio.id, 'ACTIVE');
    const lot = engine.services.catalog.chains[0]!.future.lotSize;
    const { submitted } = await submitToScripted(engine, broker, { order: { product: 'MIS', quantity: lot } });
    await submitted;
    await waitUntil(() => engine.services.state.positionsOf(ACCOUNT_A).some((position) => position.netQuantity === lot) || undefined, { message: 'A holds MIS' });

    answering = false;
    clock.time = ist(15, 15);
    const placedBefore = broker.placed.length;
    const round = engine.services.intradaySquareOff.check();
    // The portfolio's exit is sent and never answered; account A's square-off goes out regardless.
    const exitOfA = await waitUntil(() => broker.placed.slice(placedBefore).find((request) => request.accountId === ACCOUNT_A), { message: "A's exit" });
    expect([exitOfA.side, exitOfA.quantity, exitOfA.product]).toEqual(['SELL', lot, 'MIS']);
    acceptRequest(broker, exitOfA);
    expect(await round).toEqual([{ accountId: ACCOUNT_A, canceled: 0, exits: 1 }]);
    await waitUntil(() => broker.placed.slice(placedBefore).some((request) => request.accountId === accountId) || undefined, { message: "the portfolio's exit" });
    expect((await engine.services.portfolios.get(portfolio.id, userId)).portfolio.status).toBe('EXITING');
    // However long the portfolio's exit takes, its legs stay its own while it runs.
    clock.advance(121_000);
    expect(await engine.services.intradaySquareOff.check()).toEqual([{ accountId: ACCOUNT_A, canceled: 0, exits: 0 }]); // A's exit still works
    expect(engine.services.state.ordersOf(accountId).filter((order) => order.origin === 'AUTO_SQUARE_OFF')).toEqual([]);
    // The broker answers again: the portfolio finishes its own exit.
    answered = placedBefore; // A's exit is filled too (its repeated acceptance is no news)
    answering = true;
    expect((await waitForStatus(engine, userId, portfolio.id, 'CLOSED')).statusReason).toMatch(/Exited \(exit time\)/);
  });

  it('runs by itself in a running engine: an MIS position open past the cut-off is closed within seconds', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(ist(15, 10));
    const engine: RunningEngine = await startTestEngine(database, clock, { env: CUTOFF_ENV, background: true });
    cleanups.push(() => engine.close());
    const future = engine.services.catalog.chains[0]!.future;
    const netMis = () => engine.services.state.positionsOf(ACCOUNT_A).find((position) => position.product === 'MIS')?.netQuantity ?? 0;
    const step = async () => {
      clock.advance(250);
      engine.runner.stepNow();
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await engine.services.orders.submit({ accountId: ACCOUNT_A, userId: USER_A, origin: 'TERMINAL', order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: future.lotSize, price: null, triggerPrice: null } });
    await waitUntil(async () => (await step(), netMis() === future.lotSize || undefined), { message: 'long MIS' });
    clock.time = ist(15, 15); // nobody calls check(): the engine's own timer does
    await waitUntil(async () => (await step(), netMis() === 0 || undefined), { message: 'squared off by the timer', timeoutMs: 10_000 });
    expect(engine.services.state.ordersOf(ACCOUNT_A).filter((order) => order.origin === 'AUTO_SQUARE_OFF')).toHaveLength(1);
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
