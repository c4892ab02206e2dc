import { describe, expect, it } from 'vitest';
import { useLimitsEngine } from '../testing/limits-engine.ts';
import { ACCOUNT_A, ACCOUNT_B, restingBuyPrice, restingSellPrice } from '../testing/test-engine.ts';

const { engine, future, submit, setLimits } = useLimitsEngine();

/**
 * A product's figure counts the working orders of that product only: an order working in the other
 * product moves the other position, never this one. Counted over both products, a resting NRML buy
 * that closes an NRML short (its stop, its target) made any MIS buy "reach" the short's size on top.
 */
describe('position limits per product and the other product’s working orders', () => {
  it('a resting NRML buy closing an NRML short does not count against an MIS long', async () => {
    await setLimits(ACCOUNT_A, { maxPositionLotsPerInstrument: 2 });
    expect(await submit(ACCOUNT_A, { product: 'NRML', side: 'SELL', quantity: 130 })).toMatchObject({ status: 'FILLED' }); // NRML −2: at the limit
    const target = await submit(ACCOUNT_A, { product: 'NRML', side: 'BUY', type: 'LIMIT', price: restingBuyPrice(engine(), future().id), quantity: 130 });
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
    const target = await submit(ACCOUNT_B, { product: 'NRML', side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine(), future().id), quantity: 130 });
    expect(target.status).toBe('OPEN');
    const mis = await submit(ACCOUNT_B, { product: 'MIS', side: 'SELL', quantity: 65 });
    expect([mis.status, mis.reasonMessage]).toEqual(['FILLED', null]);
  });
});
