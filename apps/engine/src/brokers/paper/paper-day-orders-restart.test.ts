import { afterEach, describe, expect, it } from 'vitest';
import type { Order, PlaceOrderInput } from '@strikedesk/domain';
import type { RunningEngine } from '../../engine.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingBuyPrice, startTestEngine, USER_A } from '../../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** 2026-12-(day) at hh:mm IST (the 9th is a Wednesday). */
const ist = (day: number, hours: number, minutes: number): number => Date.UTC(2026, 11, day, hours - 5, minutes - 30);
const NSE_HOURS = { MARKET_ALWAYS_OPEN: 'false' };

/**
 * A DAY order ends with its session (NSE expires what is left working at 15:30). The in-process
 * paper venue rebuilds its books from the journal at every start: an engine that was not running at
 * the close (stopped for the night, or the 08:45 daily restart after a crash) restored yesterday's
 * resting limit as working, and it filled in the next session at that day's prices.
 */
describe('paper DAY orders across an engine restart', () => {
  async function placeRestingBuy(database: Awaited<ReturnType<typeof createTestDatabase>>, clock: ManualClock) {
    const engine = await startTestEngine(database, clock, { env: NSE_HOURS });
    const future = engine.services.catalog.chains[0]!.future;
    const order = await engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future.id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: future.lotSize, price: restingBuyPrice(engine, future.id), triggerPrice: null } as PlaceOrderInput,
    });
    expect(order.status).toBe('OPEN');
    await engine.close();
    return { order, futureId: future.id, underlying: engine.services.catalog.chains[0]!.spec.underlying };
  }

  async function restart(database: Awaited<ReturnType<typeof createTestDatabase>>, clock: ManualClock): Promise<RunningEngine> {
    const engine = await startTestEngine(database, clock, { env: NSE_HOURS });
    cleanups.push(() => engine.close());
    await new Promise((resolve) => setTimeout(resolve, 50)); // the venue's events are journaled
    return engine;
  }

  /** Moves the market 10% down (through the resting buy) and lets the venue match. */
  async function crash(engine: RunningEngine, clock: ManualClock, underlying: string, futureId: string): Promise<void> {
    const before = engine.services.market.latest(futureId)!.lastPrice;
    const index = engine.services.catalog.chains[0]!.index.id;
    engine.runner.setSpot(underlying, Math.round(engine.services.market.latest(index)!.lastPrice * 0.9));
    clock.advance(1_000);
    engine.runner.stepNow();
    expect(engine.services.market.latest(futureId)!.lastPrice).toBeLessThan(before * 0.92);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('a limit left working when the engine stopped before the close has expired at the next morning start, and does not fill', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(ist(9, 14, 0));
    const { order, futureId, underlying } = await placeRestingBuy(database, clock);

    clock.time = ist(10, 8, 45); // Thursday morning, before the open
    const engine = await restart(database, clock);
    expect(engine.services.state.order(order.orderId)?.status).toBe('EXPIRED');
    clock.time = ist(10, 9, 20);
    await crash(engine, clock, underlying, futureId);
    expect(engine.services.state.order(order.orderId)?.status).toBe('EXPIRED');
    expect(engine.services.state.netQuantity(ACCOUNT_A, futureId, 'NRML')).toBe(0);
  });

  it('one restored after the close of its own day has expired too; one of the session still running keeps working', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(ist(9, 14, 0));
    const { order } = await placeRestingBuy(database, clock);

    clock.time = ist(9, 15, 0); // same session, engine back before the close
    const during = await restart(database, clock);
    expect(during.services.state.order(order.orderId)?.status).toBe('OPEN');
    await during.close();

    clock.time = ist(9, 15, 45); // back after the close: the session it worked in is over
    const after = await restart(database, clock);
    expect(after.services.state.order(order.orderId)?.status).toBe('EXPIRED');
  });

  it('the always-open sandbox keeps its resting orders over a restart (its venue never ends a session)', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(ist(9, 14, 0));
    const first = await startTestEngine(database, clock);
    const future = first.services.catalog.chains[0]!.future;
    const order: Order = await first.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: future.id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: future.lotSize, price: restingBuyPrice(first, future.id), triggerPrice: null } as PlaceOrderInput,
    });
    await first.close();
    clock.time = ist(10, 8, 45);
    const engine = await startTestEngine(database, clock);
    cleanups.push(() => engine.close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.services.state.order(order.orderId)?.status).toBe('OPEN');
  });
});
