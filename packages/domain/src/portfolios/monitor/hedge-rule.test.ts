import { describe, expect, it } from 'vitest';
import { hedgeDecision, type HedgeInput } from './hedge-rule.ts';

const FUTURE: Omit<HedgeInput, 'netDelta'> = { band: 50, lotSize: 75, deltaPerUnit: 1, instrument: 'FUTURE', hedgesSoFar: 0, maxHedges: 10 };

/** Feeds a net-delta path as the engine would (a hedge shifts the following deltas); the steps and lots hedged. */
function hedges(base: Omit<HedgeInput, 'netDelta'>, drift: readonly number[]) {
  let hedged = 0;
  const done: [step: number, side: string, lots: number][] = [];
  for (const [step, delta] of drift.entries()) {
    const decision = hedgeDecision({ ...base, netDelta: delta + hedged, hedgesSoFar: done.length });
    if (decision === null) continue;
    done.push([step, decision.side, decision.lots]);
    hedged += decision.expectedDeltaAfter - (delta + hedged);
  }
  return done;
}

describe('hedgeDecision with futures (75 delta a lot, band ±50)', () => {
  it('hedges on the first step outside the band, in whole lots towards zero', () => {
    expect(hedges(FUTURE, [10, 50, 49, 80, 60, 120, 140])).toEqual([
      [3, 'SELL', 1],
      [6, 'SELL', 1],
    ]);
  });
  it('rounds to the lot count closest to zero and says so', () => {
    expect(hedgeDecision({ ...FUTURE, netDelta: 200 })).toEqual({
      side: 'SELL',
      right: null,
      lots: 3,
      expectedDeltaAfter: -25,
      message: 'Net delta +200 is outside ±50: sell 3 lots of the future, delta −25 expected.',
    });
    expect(hedgeDecision({ ...FUTURE, netDelta: -180 })).toMatchObject({ side: 'BUY', lots: 2, expectedDeltaAfter: -30 });
  });
  it('trades one lot even when that flips delta, if it ends inside the band', () => {
    expect(hedgeDecision({ ...FUTURE, netDelta: 60 })).toMatchObject({ lots: 1, expectedDeltaAfter: -15 });
  });
  it('does not trade when one lot would overshoot beyond the band on the other side', () => {
    expect(hedgeDecision({ ...FUTURE, band: 20, netDelta: 25 })).toBeNull();
  });
  it('prefers the smaller trade that stays this side over a larger one that overshoots', () => {
    // Lots of 200 delta, band 50, delta 310: 2 lots → −90 (beyond the band, other side); 1 lot → +110.
    expect(hedgeDecision({ ...FUTURE, lotSize: 200, netDelta: 310 })).toMatchObject({ lots: 1, expectedDeltaAfter: 110 });
  });
  it('stops at maxHedges', () => {
    expect(hedges({ ...FUTURE, maxHedges: 2 }, [100, 200, 300, 400]).length).toBe(2);
    expect(hedgeDecision({ ...FUTURE, netDelta: 500, hedgesSoFar: 10 })).toBeNull();
  });
  it('refuses to hedge on unusable figures', () => {
    expect(hedgeDecision({ ...FUTURE, netDelta: Number.NaN })).toBeNull();
    expect(hedgeDecision({ ...FUTURE, netDelta: 500, deltaPerUnit: 0 })).toBeNull();
  });
});

describe('hedgeDecision with options', () => {
  const OPTION: Omit<HedgeInput, 'netDelta'> = { ...FUTURE, instrument: 'OPTION', deltaPerUnit: 0.5 };
  it('buys puts against positive delta', () => {
    expect(hedgeDecision({ ...OPTION, netDelta: 120 })).toEqual({
      side: 'BUY',
      right: 'PE',
      lots: 3,
      expectedDeltaAfter: 7.5,
      message: 'Net delta +120 is outside ±50: buy 3 lots of ATM PE, delta +7.5 expected.',
    });
  });
  it('buys calls against negative delta', () => {
    expect(hedgeDecision({ ...OPTION, netDelta: -60 })).toMatchObject({ side: 'BUY', right: 'CE', lots: 2, expectedDeltaAfter: 15 });
  });
});
