import { afterEach, describe, expect, it } from 'vitest';
import { expiryInstantMs, type PlaceOrderInput } from '@strikedesk/domain';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingSellPrice, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The always-open sandbox's paper venue never ends its session, so nothing expires an order
 * working in a contract at its expiry close (NSE cancels them all at 15:30). The settlement closes
 * the position; an order left working would still fill at the sandbox's prices of the expired
 * contract — a trade after expiry, and a position settled a second time.
 */
describe('orders working in a contract at its expiry close, in the always-open sandbox', () => {
  it('are cancelled by the settlement, and fill no more', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const clock = new ManualClock(TEST_START);
    const engine = await startTestEngine(database, clock);
    cleanups.push(() => engine.close());
    const chain = engine.services.catalog.chains[0]!;
    const { expiry, strikes } = chain.expiries[0]!;
    const call = strikes[Math.floor(strikes.length / 2)]!.call;
    const order = (input: Partial<PlaceOrderInput>) =>
      engine.services.orders.submit({ accountId: ACCOUNT_A, userId: USER_A, origin: 'TERMINAL', order: { instrumentId: call.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: call.lotSize, price: null, triggerPrice: null, ...input } });
    expect(await order({})).toMatchObject({ status: 'FILLED' });
    const target = await order({ side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, call.id) });
    expect(target.status).toBe('OPEN');

    clock.time = expiryInstantMs(expiry) + 60_000; // 15:31 IST on the expiry day: cancelled at the close in the sandbox
    engine.runner.stepNow();
    expect(await engine.services.expirySettlement.settleDue()).toBe(1);
    expect(engine.services.state.netQuantity(ACCOUNT_A, call.id, 'NRML')).toBe(0);
    // The sandbox still quotes the contract: the market rallies through the target's price.
    const spot = engine.services.market.latest(chain.index.id)!.lastPrice;
    engine.runner.setSpot(chain.spec.underlying, Math.round(spot * 1.1));
    clock.advance(1_000);
    engine.runner.stepNow();
    expect(engine.services.market.latest(call.id)!.bid).toBeGreaterThan(target.price!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(engine.services.state.order(target.orderId)?.status).toBe('CANCELED');
    expect(engine.services.state.netQuantity(ACCOUNT_A, call.id, 'NRML')).toBe(0);
    await engine.services.expirySettlement.settleDue();
    expect(engine.services.orders.listOrders(ACCOUNT_A).filter((each) => each.origin === 'EXPIRY')).toHaveLength(1);
  });
});
