import { afterEach, describe, expect, it } from 'vitest';
import { expiryInstantMs, expirySettlementPrice, mulPaise, paise, subPaise, type Instrument, type StrategyId } from '@strikedesk/domain';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';
import { placeAnswered } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, restingSellPrice, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An engine on a scripted broker, the first chain's nearest expiry and its middle strike's call. */
async function engineAtNearestExpiry() {
  const { engine, broker, clock } = await startScriptedEngine(cleanups);
  const chain = engine.services.catalog.chains[0]!;
  const { expiry, strikes } = chain.expiries[0]!;
  return { engine, broker, clock, chain, expiry, strikes, call: strikes[Math.floor(strikes.length / 2)]!.call };
}

// placeAnswered fills at ₹26,000 a unit.
const FILL = paise(2_600_000);

describe('positions held to expiry', () => {
  it('are settled at the close of their expiry day: an option at its intrinsic value, in orders of origin EXPIRY, once', async () => {
    const { engine, broker, clock } = await startScriptedEngine(cleanups);
    const chain = engine.services.catalog.chains[0]!;
    const { expiry, strikes } = chain.expiries[0]!;
    const middle = Math.floor(strikes.length / 2);
    const row = strikes[middle]!;
    const call: Instrument = row.call; // long 2 lots, settles in the money
    const put: Instrument = strikes[middle - 3]!.put; // short 1 lot, settles out of the money at 0
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: 2 * call.lotSize, side: 'BUY' }, 2 * call.lotSize);
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: put.id, quantity: put.lotSize, side: 'SELL' }, put.lotSize);

    const settlementSpot = paise(row.strike + 12_345); // ₹123.45 above the call's strike
    clock.time = expiryInstantMs(expiry) - 60_000; // 15:29 IST: not yet
    engine.runner.setSpot(chain.spec.underlying, settlementSpot);
    engine.runner.stepNow();
    expect(await engine.services.expirySettlement.settleDue()).toBe(0);

    clock.time = expiryInstantMs(expiry) + 60_000; // 15:31 IST
    engine.runner.setSpot(chain.spec.underlying, settlementSpot);
    engine.runner.stepNow();
    expect(engine.services.market.latest(chain.index.id)?.lastPrice).toBe(settlementSpot);
    expect(await engine.services.expirySettlement.settleDue()).toBe(2);
    expect(await engine.services.expirySettlement.settleDue()).toBe(0);

    const positions = engine.services.orders.listPositions(ACCOUNT_A);
    const callPosition = positions.find((position) => position.instrumentId === call.id)!;
    const putPosition = positions.find((position) => position.instrumentId === put.id)!;
    expect(callPosition.netQuantity).toBe(0);
    expect(callPosition.realizedPnl).toBe(mulPaise(subPaise(paise(12_345), FILL), 2 * call.lotSize));
    expect(putPosition.netQuantity).toBe(0);
    expect(putPosition.realizedPnl).toBe(mulPaise(FILL, put.lotSize));

    const settlements = engine.services.orders.listOrders(ACCOUNT_A).filter((order) => order.origin === 'EXPIRY');
    expect(settlements.map((order) => [order.instrumentId, order.side, order.quantity, order.status, order.filledValue])).toEqual(
      expect.arrayContaining([
        [call.id, 'SELL', 2 * call.lotSize, 'FILLED', mulPaise(paise(12_345), 2 * call.lotSize)],
        [put.id, 'BUY', put.lotSize, 'FILLED', 0],
      ]),
    );
    expect(settlements).toHaveLength(2);
    // Never sent to the broker.
    expect(broker.placed.filter((request) => settlements.some((order) => order.clientOrderId === request.clientOrderId))).toEqual([]);
  });

  it("settles on the next session's first prices, at the index's previous close, when the engine missed the expiry close; not from a later session's", async () => {
    const { engine, broker, clock } = await startScriptedEngine(cleanups);
    const chain = engine.services.catalog.chains[0]!;
    const { expiry, strikes } = chain.expiries[0]!;
    const option = strikes[Math.floor(strikes.length / 2)]!.call;
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: option.id, quantity: option.lotSize, side: 'BUY' }, option.lotSize);
    const day = 86_400_000;
    const nextSession = (from: number): number => {
      let at = from + day;
      while ([0, 6].includes(new Date(at).getUTCDay())) at += day;
      return at;
    };
    // Two sessions later: that session's previous close is not the expiry day's.
    clock.time = nextSession(nextSession(expiryInstantMs(expiry) - 6 * 3_600_000)); // 09:30 IST
    engine.runner.stepNow();
    expect(await engine.services.expirySettlement.settleDue()).toBe(0);
    expect(engine.services.state.netQuantity(ACCOUNT_A, option.id, 'NRML')).toBe(option.lotSize);

    // The next session: its previous close is the expiry day's.
    const next = await startScriptedEngine(cleanups);
    await placeAnswered(next.engine, next.broker, ACCOUNT_A, USER_A, { instrumentId: option.id, quantity: option.lotSize, side: 'BUY' }, option.lotSize);
    next.clock.time = nextSession(expiryInstantMs(expiry) - 6 * 3_600_000);
    next.engine.runner.stepNow();
    const index = next.engine.services.market.latest(chain.index.id)!;
    expect(await next.engine.services.expirySettlement.settleDue()).toBe(1);
    const settlement = next.engine.services.orders.listOrders(ACCOUNT_A).find((order) => order.origin === 'EXPIRY')!;
    expect(settlement.filledValue).toBe(mulPaise(expirySettlementPrice(option, index.previousClose)!, option.lotSize));
    // Dated at the expiry's close: the P&L belongs to the expiry day.
    const history = await next.engine.services.orderHistory.read({ accountId: ACCOUNT_A, orderId: settlement.orderId });
    expect(history.entries.at(-1)?.event).toMatchObject({ type: 'OrderFilled', executedAt: expiryInstantMs(expiry) });
  });

  it('closes the virtual books (strategies, portfolios) in the contract as themselves, also when the account is flat', async () => {
    const { engine, broker, clock, expiry, call } = await engineAtNearestExpiry();
    // The account: short 1 lot of its own, a strategy long 2, another short 1 — flat in all.
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'SELL' }, call.lotSize);
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: 2 * call.lotSize, side: 'BUY', strategyId: 'strat-long' as StrategyId }, 2 * call.lotSize);
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'SELL', strategyId: 'strat-short' as StrategyId }, call.lotSize);
    expect(engine.services.state.netQuantity(ACCOUNT_A, call.id, 'NRML')).toBe(0);

    clock.time = expiryInstantMs(expiry) + 60_000;
    engine.runner.stepNow();
    expect(await engine.services.expirySettlement.settleDue()).toBe(1);
    const books = engine.services.state.bookPositionsOf(ACCOUNT_A).filter((position) => position.instrumentId === call.id);
    expect(books.map((position) => [position.strategyId, position.netQuantity])).toEqual(expect.arrayContaining([['strat-long', 0], ['strat-short', 0]]));
    expect(engine.services.state.netQuantity(ACCOUNT_A, call.id, 'NRML')).toBe(0);
    const settlements = engine.services.orders.listOrders(ACCOUNT_A).filter((order) => order.origin === 'EXPIRY');
    expect(settlements.map((order) => [order.strategyId, order.side, order.quantity]).sort()).toEqual([
      ['strat-long', 'SELL', 2 * call.lotSize],
      ['strat-short', 'BUY', call.lotSize],
      [null, 'BUY', call.lotSize],
    ].sort());
  });

  it('waits for an order still working in the contract (its fill may be on the wire), a few minutes at most', async () => {
    const { engine, broker, clock, expiry, call } = await engineAtNearestExpiry();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'BUY' }, call.lotSize);
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, call.id) }, 0);
    clock.time = expiryInstantMs(expiry) + 60_000;
    engine.runner.stepNow();
    expect(await engine.services.expirySettlement.settleDue()).toBe(0);
    clock.time = expiryInstantMs(expiry) + 6 * 60_000;
    expect(await engine.services.expirySettlement.settleDue()).toBe(1);
    expect(engine.services.state.netQuantity(ACCOUNT_A, call.id, 'NRML')).toBe(0);
  });

  it('refuses every new order and modify in the contract from its expiry close (exits too: it is settled), and still cancels', async () => {
    const { engine, broker, clock, expiry, call } = await engineAtNearestExpiry();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'BUY' }, call.lotSize);
    const resting = await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, call.id) }, 0);
    const sell = { instrumentId: call.id, side: 'SELL', type: 'MARKET', product: 'NRML', quantity: call.lotSize, price: null, triggerPrice: null } as const;
    clock.time = expiryInstantMs(expiry) - 1;
    expect(await engine.services.orders.decider.submit({ accountId: ACCOUNT_A, userId: USER_A, origin: 'TERMINAL', order: sell }, clock.time)).toMatchObject({ denied: false });
    clock.time = expiryInstantMs(expiry);
    for (const origin of ['TERMINAL', 'KILL_SWITCH'] as const) {
      const refused = await engine.services.orders.submit({ accountId: ACCOUNT_A, userId: USER_A, origin, order: sell });
      expect([refused.status, refused.reasonCode]).toEqual(['DENIED', 'CONTRACT_EXPIRED']);
    }
    await expect(engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: resting.orderId, quantity: 2 * call.lotSize } })).rejects.toMatchObject({ code: 'CONTRACT_EXPIRED' });
    const canceling = engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: resting.orderId } });
    await waitUntil(() => broker.canceled.length > 0, { message: 'the cancel reached the broker' });
    void canceling.catch(() => undefined);
  });

  it('reconciliation does not raise a settled position the broker still lists until its end of day', async () => {
    const { engine, broker, clock, expiry, call } = await engineAtNearestExpiry();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'BUY' }, call.lotSize);
    clock.time = expiryInstantMs(expiry) + 60_000;
    engine.runner.stepNow();
    expect(await engine.services.expirySettlement.settleDue()).toBe(1);
    broker.booksSource = () => ({ orders: [], trades: [], positions: [{ accountId: ACCOUNT_A, instrumentId: call.id, product: 'NRML', netQuantity: call.lotSize }] });
    expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([]);
  });

  it('reconciliation gives a position not settled yet a day: the broker has dropped it, the settlement price is still to come', async () => {
    const { engine, broker, clock, expiry, call } = await engineAtNearestExpiry();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: call.id, quantity: call.lotSize, side: 'BUY' }, call.lotSize);
    broker.booksSource = () => ({ orders: [], trades: [], positions: [] });
    clock.time = expiryInstantMs(expiry) + 18 * 3_600_000; // 09:30 IST the next day, before any settlement
    expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([]);
    clock.time = expiryInstantMs(expiry) + 25 * 3_600_000; // a day on, still open here: it differs
    expect((await engine.services.reconciler.run(false)).blockedAccounts).toEqual([ACCOUNT_A]);
  });
});
