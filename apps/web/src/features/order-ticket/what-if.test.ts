import { describe, expect, it } from 'vitest';
import { black76Price, createChainBuffers, paise, recomputeChain } from '@strikedesk/domain';
import { estimateOptionGreeks, formatLots, FUTURE_UNIT_GREEKS, netDeltaLotsAfter, optionModelPrice } from './what-if.ts';

const RATE = 0.065;
const timeToExpiryYears = 7 / 365;
// What the engine publishes in the chain: its forward (rupees) and D = e^(−rT).
const context = { forward: 24_000, discountFactor: Math.exp(-RATE * timeToExpiryYears), timeToExpiryYears };
const discountFactor = context.discountFactor;

/** The engine's own path: the domain's typed-array chain recompute on the option's mid. */
function engineGreeks(right: 'CALL' | 'PUT', strike: number, bid: number, ask: number) {
  const buffers = createChainBuffers(1);
  buffers.strike[0] = strike;
  const side = right === 'CALL' ? buffers.call : buffers.put;
  side.price[0] = (bid + ask) / 2;
  recomputeChain({ forward: context.forward * 100, timeYears: timeToExpiryYears, rate: RATE }, buffers);
  return { iv: side.iv[0] as number, delta: side.delta[0] as number, status: side.status[0] };
}

describe('optionModelPrice', () => {
  it('is the mid when both sides are quoted, else the LTP', () => {
    expect(optionModelPrice({ bid: 10_000, ask: 10_105, lastPrice: 9_000 })).toBe(10_052.5);
    expect(optionModelPrice({ bid: null, ask: 10_105, lastPrice: 9_000 })).toBe(9_000);
    expect(optionModelPrice({ bid: 10_000, ask: null, lastPrice: 9_000 })).toBe(9_000);
    expect(optionModelPrice({ bid: null, ask: null, lastPrice: 0 })).toBeNull();
  });
});

describe('estimateOptionGreeks', () => {
  it('matches the engine’s IV and delta from the same mid, forward and discount factor (not the LTP)', () => {
    const cases = [
      { right: 'CALL' as const, strike: 2_400_000, bid: 17_120, ask: 17_260, lastPrice: 15_000 },
      { right: 'CALL' as const, strike: 2_450_000, bid: 3_905, ask: 4_010, lastPrice: 4_500 },
      { right: 'PUT' as const, strike: 2_350_000, bid: 5_440, ask: 5_585, lastPrice: 6_100 },
      { right: 'PUT' as const, strike: 2_400_000, bid: 17_050, ask: 17_235, lastPrice: 17_900 },
    ];
    for (const { right, strike, bid, ask, lastPrice } of cases) {
      const engine = engineGreeks(right, strike, bid, ask);
      expect(engine.status).toBe(0);
      const browser = estimateOptionGreeks({ kind: right, strike: paise(strike) }, { bid, ask, lastPrice }, context);
      expect(browser?.iv).toBeCloseTo(engine.iv, 9);
      expect(browser?.delta).toBeCloseTo(engine.delta, 9);
      // Pricing at the (different) LTP would have given another IV: the mid really is what is used.
      const atLtp = estimateOptionGreeks({ kind: right, strike: paise(strike) }, { bid: null, ask: null, lastPrice }, context);
      expect(Math.abs((atLtp?.iv ?? 0) - engine.iv)).toBeGreaterThan(1e-4);
    }
  });

  it('uses the chain’s discount factor, not one derived from spot and forward', () => {
    const strike = paise(2_400_000);
    const price = black76Price({ right: 'CALL', forward: 2_400_000, strike, timeYears: timeToExpiryYears, volatility: 0.14, discountFactor });
    const quote = { bid: price - 50, ask: price + 50, lastPrice: price };
    expect(estimateOptionGreeks({ kind: 'CALL', strike }, quote, context)?.iv).toBeCloseTo(0.14, 9);
    const otherD = estimateOptionGreeks({ kind: 'CALL', strike }, quote, { ...context, discountFactor: 0.99 });
    expect(Math.abs((otherD?.iv ?? 0) - 0.14)).toBeGreaterThan(1e-4);
  });

  it('falls back to the LTP when a side is missing, and gives a call delta between 0 and 1', () => {
    const strike = paise(2_400_000);
    const price = black76Price({ right: 'CALL', forward: 2_400_000, strike, timeYears: timeToExpiryYears, volatility: 0.14, discountFactor });
    const result = estimateOptionGreeks({ kind: 'CALL', strike }, { bid: null, ask: price + 500, lastPrice: price }, context);
    expect(result?.iv).toBeCloseTo(0.14, 9);
    expect(result?.delta).toBeGreaterThan(0.45);
    expect(result?.delta).toBeLessThan(0.55);
  });

  it('gives a negative put delta, and null without information', () => {
    const strike = paise(2_350_000);
    const price = black76Price({ right: 'PUT', forward: 2_400_000, strike, timeYears: timeToExpiryYears, volatility: 0.2, discountFactor });
    const put = estimateOptionGreeks({ kind: 'PUT', strike }, { bid: price - 10, ask: price + 10, lastPrice: price }, context);
    expect(put?.delta).toBeLessThan(0);
    const ltpOnly = (lastPrice: number) => ({ bid: null, ask: null, lastPrice });
    expect(estimateOptionGreeks({ kind: 'PUT', strike }, ltpOnly(1), { ...context, timeToExpiryYears: 0 })).toBeNull();
    expect(estimateOptionGreeks({ kind: 'FUTURE', strike: null }, ltpOnly(100), context)).toBeNull();
    expect(estimateOptionGreeks({ kind: 'PUT', strike }, ltpOnly(0), context)).toBeNull();
    // Below intrinsic: a deep ITM call for less than F − K.
    expect(estimateOptionGreeks({ kind: 'CALL', strike: paise(2_000_000) }, ltpOnly(100), context)).toBeNull();
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
