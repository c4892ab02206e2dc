import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, DomainError, paise, type Instrument, type Order, type PlaceOrderInput, type RiskLimits } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, USER_A, USER_B, createTestDatabase, restingBuyPrice, startTestEngine } from '../testing/test-engine.ts';

let database: TestDatabase;
let engine: RunningEngine;
let clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock);
});
afterAll(async () => {
  await engine?.close();
  await database?.drop();
});

const future = (): Instrument => engine.services.catalog.chains[0]!.future!;
const submit = (order: Partial<PlaceOrderInput> = {}, account = ACCOUNT_A): Promise<Order> =>
  engine.services.orders.submit({
    accountId: account,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null, ...order },
  });
const setLimits = (baseVersion: number, limits: Partial<RiskLimits>, comment = '') =>
  engine.services.riskLimits.set({ accountId: ACCOUNT_A, baseVersion, limits: { ...DEFAULT_RISK_LIMITS, ...limits }, comment }, USER_B);

describe('versioned risk limits', () => {
  it('every order records the version it was checked against; each change is a new version', async () => {
    clock.advance(1_000);
    const before = await submit();
    expect(before).toMatchObject({ status: 'FILLED', riskLimitsVersion: 0 });

    const v1 = await setLimits(0, { maxOrderLots: 2 }, 'new trader');
    expect(v1).toMatchObject({ version: 1, changedBy: USER_B, comment: 'new trader', limits: { maxOrderLots: 2 } });
    clock.advance(1_000);
    const denied = await submit({ quantity: 65 * 3 });
    expect(denied).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_ORDER_QUANTITY', riskLimitsVersion: 1 });
    expect(denied.reasonMessage).toBe('This order is larger than the maximum order size set for your account. 3 lots asked; your maximum is 2 lots per order.');
    // Another account keeps the defaults.
    expect((await submit({ quantity: 65 * 3 }, ACCOUNT_B)).riskLimitsVersion).toBe(0);

    const v2 = await setLimits(1, { maxOrderLots: 5 });
    expect(v2.version).toBe(2);
    clock.advance(1_000);
    expect(await submit({ quantity: 65 * 3 })).toMatchObject({ status: 'FILLED', riskLimitsVersion: 2 });
    expect((await engine.services.riskLimits.history(ACCOUNT_A)).map((version) => version.version)).toEqual([2, 1, 0]);
  });

  it('refuses a change based on a stale version instead of overwriting a colleague\'s', async () => {
    const error = await setLimits(1, { maxOrderLots: 50 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('RISK_LIMITS_VERSION_CONFLICT');
    expect(engine.services.riskLimits.get(ACCOUNT_A).limits.maxOrderLots).toBe(5);
    // Two admins saving at once from the same base: exactly one wins.
    const results = await Promise.allSettled([setLimits(2, { maxOrderLots: 6 }), setLimits(2, { maxOrderLots: 7 })]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(engine.services.riskLimits.get(ACCOUNT_A).version).toBe(3);
  });

  it('survives a restart, and the rate windows are rebuilt from the journal', async () => {
    await setLimits(3, { ordersPerSecond: 3, maxOrderLots: 6 });
    clock.advance(2_000);
    for (let index = 0; index < 3; index += 1) expect((await submit()).status).toBe('FILLED');
    await engine.close();
    clock = new ManualClock(clock.time);
    engine = await startTestEngine(database, clock);
    expect(engine.services.riskLimits.get(ACCOUNT_A)).toMatchObject({ version: 4, limits: { ordersPerSecond: 3 } });
    // Still inside the same second: a fourth order would exceed 3/s, restart or not.
    const denied = await submit();
    expect(denied).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_ORDER_RATE' });
    clock.advance(1_001);
    expect((await submit()).status).toBe('FILLED');
  });

  it('slices count against the rate: one order of three slices uses three messages', async () => {
    await setLimits(4, { ordersPerSecond: 3, maxOrderLots: 100 });
    clock.advance(2_000);
    const big = future().freezeQuantity * 2 + future().lotSize; // three slices
    expect((await submit({ quantity: big })).slice?.count).toBe(3);
    expect((await submit()).reasonCode).toBe('RISK_ORDER_RATE');
  });
});

describe('daily loss limit', () => {
  it('blocks orders that add exposure once the day\'s loss reaches it, and squares off once when configured', async () => {
    clock.advance(5_000);
    const bought = await submit({ quantity: 130 }, ACCOUNT_B);
    expect(bought.status).toBe('FILLED');
    const ask = bought.filledValue / 130;
    // The loss now: the spread crossed, marked at the last price; set the limit right at it.
    const loss = -engine.services.orders.listPositions(ACCOUNT_B).reduce((sum, view) => sum + view.dayPnl, 0);
    expect(loss).toBeGreaterThan(0);
    expect(ask).toBeGreaterThan(0);
    await engine.services.riskLimits.set({ accountId: ACCOUNT_B, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, dailyLossLimit: paise(loss), squareOffOnDailyLoss: false }, comment: '' }, USER_B);
    clock.advance(1_000);
    expect((await submit({}, ACCOUNT_B)).reasonCode).toBe('RISK_DAILY_LOSS');
    expect((await submit({ side: 'SELL', quantity: 65 }, ACCOUNT_B)).status).toBe('FILLED'); // reducing passes
    expect(await engine.services.dailyLoss.check()).toEqual([]); // no square-off configured

    await engine.services.riskLimits.set({ accountId: ACCOUNT_B, baseVersion: 1, limits: { ...DEFAULT_RISK_LIMITS, dailyLossLimit: paise(1), squareOffOnDailyLoss: true }, comment: '' }, USER_B);
    const held = engine.services.state.positionsOf(ACCOUNT_B).reduce((sum, position) => sum + position.netQuantity, 0);
    expect(held).toBeGreaterThan(0);
    expect(await engine.services.dailyLoss.check()).toEqual([ACCOUNT_B]);
    const halt = engine.services.halts.find('ACCOUNT', ACCOUNT_B, 'DAILY_LOSS');
    expect(halt).toMatchObject({ engagedBy: null, flatten: true });
    expect(engine.services.state.positionsOf(ACCOUNT_B).every((position) => position.netQuantity === 0)).toBe(true);
    const exits = engine.services.orders.listOrders(ACCOUNT_B).filter((order) => order.origin === 'RISK');
    expect(exits.map((order) => [order.side, order.quantity, order.status])).toEqual([['SELL', held, 'FILLED']]);
    expect(exits[0]?.orderId).toBe((halt?.details['exitOrderIds'] as string[] | undefined)?.[0]);
    expect(await submit({}, ACCOUNT_B)).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_DAILY_LOSS' });
    // Released by an admin, it does not fire again the same day, even with a losing position again.
    await engine.services.killSwitch.release({ userId: USER_A, release: { haltId: halt!.id, note: 'reviewed' } });
    await engine.services.riskLimits.set({ accountId: ACCOUNT_B, baseVersion: 2, limits: DEFAULT_RISK_LIMITS, comment: '' }, USER_B);
    clock.advance(1_000);
    expect((await submit({}, ACCOUNT_B)).status).toBe('FILLED');
    await engine.services.riskLimits.set({ accountId: ACCOUNT_B, baseVersion: 3, limits: { ...DEFAULT_RISK_LIMITS, dailyLossLimit: paise(1), squareOffOnDailyLoss: true }, comment: '' }, USER_B);
    expect(await engine.services.dailyLoss.check()).toEqual([]);
    expect(engine.services.state.positionsOf(ACCOUNT_B).some((position) => position.netQuantity !== 0)).toBe(true);
  });

  it('a modify is checked against the limits in force when it is asked, and the order then records that version', async () => {
    clock.advance(2_000);
    const resting = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future().id) });
    const { version } = engine.services.riskLimits.get(ACCOUNT_A);
    expect(resting).toMatchObject({ status: 'OPEN', riskLimitsVersion: version });
    await setLimits(version, { maxOrderLots: 6 });
    clock.advance(2_000);
    const modified = await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: resting.orderId, quantity: 130 } });
    expect(modified).toMatchObject({ quantity: 130, riskLimitsVersion: version + 1 });

    // A 1% band now puts the resting price (5% under the market) out of bounds: raising it is
    // refused, lowering it is not (only the rates apply to an order that shrinks).
    await setLimits(version + 1, { maxOrderLots: 6, priceBandPercent: 1 });
    clock.advance(2_000);
    const modify = (quantity: number) => engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: resting.orderId, quantity } });
    await expect(modify(195)).rejects.toMatchObject({ code: 'RISK_PRICE_BAND' });
    clock.advance(2_000);
    expect(await modify(65)).toMatchObject({ quantity: 65, status: 'OPEN' });
  });
});
