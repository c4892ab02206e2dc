import { describe, expect, it } from 'vitest';
import { useLimitsEngine } from '../testing/limits-engine.ts';
import { ACCOUNT_A, ACCOUNT_B, USER_A } from '../testing/test-engine.ts';

const { engine, future, submit, setLimits } = useLimitsEngine();
const held = (account: typeof ACCOUNT_A, product: 'MIS' | 'NRML'): number => engine().services.state.netQuantity(account, future().id, product);

/**
 * Brokers net MIS and NRML apart, and exits close one product alone (a trader's square-off of the
 * MIS position, the 15:15 sweep). A limit counted only on the net over both products let a trader
 * stack MIS long against NRML short in pairs, each pair "flat", then square off the MIS half:
 * an NRML short many times the limit, which no check ever refused.
 */
describe('position limits and the two products of one instrument', () => {
  it('an MIS long does not make room for an NRML short past the per-instrument limit', async () => {
    await setLimits(ACCOUNT_A, { maxPositionLotsPerInstrument: 2 });
    expect(await submit(ACCOUNT_A, { product: 'MIS', quantity: 130 })).toMatchObject({ status: 'FILLED' });
    expect(await submit(ACCOUNT_A, { product: 'NRML', side: 'SELL', quantity: 130 })).toMatchObject({ status: 'FILLED' }); // NRML −2: at the limit
    // MIS +4 beside NRML −2 nets to 2 lots, but the square-off of either part leaves 4.
    const more = await submit(ACCOUNT_A, { product: 'MIS', quantity: 130 });
    expect(more).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_POSITION_INSTRUMENT' });
    expect(more.reasonMessage).toContain('would reach 4 lots in MIS (with your working orders); the limit is 2 lots. Your NRML position the other way does not offset it');
    expect(await submit(ACCOUNT_A, { product: 'NRML', side: 'SELL', quantity: 65 })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_POSITION_INSTRUMENT' });
    await engine().services.orders.squareOff({ accountId: ACCOUNT_A, userId: USER_A, scope: [{ instrumentId: future().id, product: 'MIS' }] });
    expect([held(ACCOUNT_A, 'MIS'), held(ACCOUNT_A, 'NRML')]).toEqual([0, -130]);
  });

  it('nor past the per-underlying limit', async () => {
    await setLimits(ACCOUNT_B, { maxPositionLotsPerUnderlying: 2 });
    expect(await submit(ACCOUNT_B, { product: 'MIS', quantity: 130 })).toMatchObject({ status: 'FILLED' });
    expect(await submit(ACCOUNT_B, { product: 'NRML', side: 'SELL', quantity: 130 })).toMatchObject({ status: 'FILLED' });
    expect(await submit(ACCOUNT_B, { product: 'MIS', quantity: 130 })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_POSITION_UNDERLYING' });
    expect(await submit(ACCOUNT_B, { product: 'NRML', side: 'SELL', quantity: 130 })).toMatchObject({ status: 'DENIED', reasonCode: 'RISK_MAX_POSITION_UNDERLYING' });
    // Taking either product towards flat still passes.
    expect(await submit(ACCOUNT_B, { product: 'NRML', side: 'BUY', quantity: 65 })).toMatchObject({ status: 'FILLED' });
  });
});
