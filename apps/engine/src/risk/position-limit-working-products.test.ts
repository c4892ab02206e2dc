import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type Instrument, type Order, type PlaceOrderInput, type RiskLimits } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, USER_A, USER_B, createTestDatabase, restingBuyPrice, restingSellPrice, startTestEngine } from '../testing/test-engine.ts';

let database: TestDatabase;
let engine: RunningEngine;
const clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock);
});
afterAll(async () => {
  await engine?.close();
  await database?.drop();
});

const future = (): Instrument => engine.services.catalog.chains[0]!.future!;
const submit = (account: typeof ACCOUNT_A, order: Partial<PlaceOrderInput>): Promise<Order> => {
  clock.advance(1_000);
  return engine.services.orders.submit({
    accountId: account,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'MIS', quantity: 65, price: null, triggerPrice: null, ...order },
  });
};
const setLimits = (account: typeof ACCOUNT_A, limits: Partial<RiskLimits>) =>
  engine.services.riskLimits.set({ accountId: account, baseVersion: engine.services.riskLimits.get(account).version, limits: { ...DEFAULT_RISK_LIMITS, ...limits }, comment: '' }, USER_B);

/**
 * A product's figure counts the working orders of that product only: an order working in the other
 * product moves the other position, never this one. Counted over both products, a resting NRML buy
 * that closes an NRML short (its stop, its target) made any MIS buy "reach" the short's size on top.
 */
describe('position limits per product and the other product’s working orders', () => {
  it('a resting NRML buy closing an NRML short does not count against an MIS long', async () => {
    await setLimits(ACCOUNT_A, { maxPositionLotsPerInstrument: 2 });
    expect(await submit(ACCOUNT_A, { product: 'NRML', side: 'SELL', quantity: 130 })).toMatchObject({ status: 'FILLED' }); // NRML −2: at the limit
    const target = await submit(ACCOUNT_A, { product: 'NRML', side: 'BUY', type: 'LIMIT', price: restingBuyPrice(engine, future().id), quantity: 130 });
    expect(target.status).toBe('OPEN');
    // MIS +1 at most (the target filled or not); the net at most +1 or −1.
    const mis = await submit(ACCOUNT_A, { product: 'MIS', quantity: 65 });
    expect([mis.status, mis.reasonMessage]).toEqual(['FILLED', null]);
    // MIS +2 more would be 3 lots in MIS: refused as before.
    expect(await submit(ACCOUNT_A, { product: 'MIS', quantity: 130 })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_POSITION_INSTRUMENT' });
  });

  it('nor on the per-underlying limit', async () => {
    await setLimits(ACCOUNT_B, { maxPositionLotsPerUnderlying: 2 });
    expect(await submit(ACCOUNT_B, { product: 'NRML', side: 'BUY', quantity: 130 })).toMatchObject({ status: 'FILLED' }); // NRML +2
    const target = await submit(ACCOUNT_B, { product: 'NRML', side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, future().id), quantity: 130 });
    expect(target.status).toBe('OPEN');
    const mis = await submit(ACCOUNT_B, { product: 'MIS', side: 'SELL', quantity: 65 });
    expect([mis.status, mis.reasonMessage]).toEqual(['FILLED', null]);
  });
});
