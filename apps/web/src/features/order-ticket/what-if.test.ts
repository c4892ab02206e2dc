import { describe, expect, it } from 'vitest';
import { black76Price, paise } from '@strikedesk/domain';
import { estimateOptionGreeks, formatLots, FUTURE_UNIT_GREEKS, netDeltaLotsAfter } from './what-if.ts';

const context = { forward: 24_000, spot: paise(2_398_000), timeToExpiryYears: 7 / 365 };
const discountFactor = 2_398_000 / 2_400_000;

describe('estimateOptionGreeks', () => {
  it('recovers the IV of a model price and gives a call delta between 0 and 1', () => {
    const strike = paise(2_400_000);
    const price = black76Price({ right: 'CALL', forward: 2_400_000, strike, timeYears: context.timeToExpiryYears, volatility: 0.14, discountFactor });
    const result = estimateOptionGreeks({ kind: 'CALL', strike }, price, context);
    expect(result?.iv).toBeCloseTo(0.14, 9);
    expect(result?.delta).toBeGreaterThan(0.45);
    expect(result?.delta).toBeLessThan(0.55);
  });

  it('gives a negative put delta, and null without information', () => {
    const strike = paise(2_350_000);
    const price = black76Price({ right: 'PUT', forward: 2_400_000, strike, timeYears: context.timeToExpiryYears, volatility: 0.2, discountFactor });
    const put = estimateOptionGreeks({ kind: 'PUT', strike }, price, context);
    expect(put?.delta).toBeLessThan(0);
    expect(estimateOptionGreeks({ kind: 'PUT', strike }, 1, { ...context, timeToExpiryYears: 0 })).toBeNull();
    expect(estimateOptionGreeks({ kind: 'FUTURE', strike: null }, 100, context)).toBeNull();
    // Below intrinsic: a deep ITM call for less than F − K.
    expect(estimateOptionGreeks({ kind: 'CALL', strike: paise(2_000_000) }, 100, context)).toBeNull();
  });
});

describe('netDeltaLotsAfter', () => {
  it('adds the order delta in lots to the current net delta', () => {
    expect(netDeltaLotsAfter({ currentDeltaLots: 0.5, side: 'BUY', lots: 3, lotSize: 75, unit: FUTURE_UNIT_GREEKS })).toBeCloseTo(3.5, 12);
    expect(netDeltaLotsAfter({ currentDeltaLots: 0.5, side: 'SELL', lots: 2, lotSize: 75, unit: { iv: 0.15, delta: 0.5 } })).toBeCloseTo(-0.5, 12);
    expect(netDeltaLotsAfter({ currentDeltaLots: 0, side: 'BUY', lots: 1, lotSize: 75, unit: { iv: 0.15, delta: -0.3 } })).toBeCloseTo(-0.3, 12);
  });

  it('formats lots with a sign', () => {
    expect(formatLots(1.234)).toBe('+1.23');
    expect(formatLots(-0.456)).toBe('-0.46');
    expect(formatLots(0.001)).toBe('0.00');
  });
});
