import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, paise, type Order, type OrderOrigin, type PlaceOrderInput } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingSellPrice, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** How a trader gets out past a halt, and what an exit may not be turned into. */
async function setup() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const engine: RunningEngine = await startTestEngine(database, clock);
  cleanups.push(() => engine.close());
  const future = engine.services.catalog.chains[0]!.future;
  const lots = (n: number) => n * future.lotSize;
  const submit = (order: Partial<PlaceOrderInput>, origin: OrderOrigin = 'TERMINAL'): Promise<Order> => {
    clock.advance(200);
    return engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin,
      order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, price: null, triggerPrice: null, ...order },
    });
  };
  const net = () => engine.services.state.positionsOf(ACCOUNT_A).reduce((sum, position) => sum + position.netQuantity, 0);
  return { engine, future, lots, submit, net };
}

describe('exits past halts', () => {
  it('past a daily-loss stop a trader may still close a position (the stop says so), but not open or flip one', async () => {
    const { engine, lots, submit, net } = await setup();
    expect((await submit({ quantity: lots(2) })).status).toBe('FILLED');
    // The daily-loss monitor's halt, as if its own flatten had been refused at the broker.
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'Daily loss limit reached', flatten: true, engagedBy: null, details: {} });
    expect(await submit({})).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' });
    expect(await submit({ side: 'SELL', quantity: lots(3) })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' }); // long 2 → short 1
    expect((await submit({ side: 'SELL', quantity: lots(1) })).status).toBe('FILLED');
    expect((await submit({ side: 'SELL', quantity: lots(1) })).status).toBe('FILLED');
    expect(net()).toBe(0);
    expect(await submit({ side: 'SELL', quantity: lots(1) })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' }); // flat: a new short
  });

  it('a working engine exit may be re-priced under a halt, not raised past what it closes (it would skip every check)', async () => {
    const { engine, future, lots, submit, net } = await setup();
    expect((await submit({ quantity: lots(1) })).status).toBe('FILLED');
    const exit = await submit({ side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, future.id) }, 'SQUARE_OFF');
    expect(exit.status).toBe('OPEN');
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'Daily loss limit reached', flatten: false, engagedBy: null, details: {} });

    const modify = (change: { quantity?: number; price?: Order['price'] }) =>
      engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: exit.orderId, ...change } });
    const raised = await modify({ quantity: lots(3) }).catch((error: unknown) => error);
    expect(raised).toBeInstanceOf(DomainError);
    expect((raised as DomainError).code).toBe('RISK_DAILY_LOSS'); // long 1: selling 3 would open a short
    expect((await modify({ price: paise(restingSellPrice(engine, future.id) + future.tickSize) })).status).toBe('OPEN');
    expect(engine.services.state.order(exit.orderId)).toMatchObject({ quantity: lots(1), status: 'OPEN' });
    expect(net()).toBe(lots(1));
  });
});
