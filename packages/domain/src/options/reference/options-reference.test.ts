import { describe, expect, it } from 'vitest';
import { bsmGreeks } from '../black-scholes-merton.ts';
import { black76GreeksInto, emptyGreeks, type OptionGreeks } from '../black76.ts';
import { IV_NO_TIME_VALUE, impliedVolatilityCode } from '../implied-volatility.ts';
import { normalCdf, normalPdf } from '../normal-distribution.ts';
import { DBL_EPSILON, ivAccuracy, ivCases, loadReference } from './reference-table.ts';

/**
 * Accuracy against the committed mpmath reference (60 digits, rounded to double). Tolerances are in
 * units of ε = 2.2e-16 times the conditioning of the quantity: a far out-of-the-money price or a
 * tail Greek is e^{−d²/2}-like, so one rounding of its inputs (x/s, s) moves it by ~(d1² + h²)·ε —
 * no double-precision evaluation can beat that, and ours stays within a small multiple of it.
 *   normal CDF/PDF: 4 ulps relative everywhere (exact to the last bit where the result is subnormal)
 *   price, delta, gamma, vega, rho: 8ε·(1 + d1² + h²) relative, h = ln(F/K)/(σ√T)
 *   theta: the same, relative to the size of its two terms r·V and F·D·φ(d1)·σ/(2√T) (it is their
 *          difference, and cancels for in-the-money options)
 *   implied volatility: ≤ 1e-10 relative (the bar; achieved 4e-13) wherever the price
 *          carries the information, and within 4× its conditioning plus 1e-13 everywhere else.
 * Values below 1e-280 of their scale are compared absolutely (subnormal results have few digits).
 */

const reference = loadReference();
const SUBNORMAL_FLOOR = 1e-280;

function relativeError(ours: number, expected: number, scale: number): number {
  return Math.abs(ours - expected) / (Math.abs(expected) + SUBNORMAL_FLOOR * scale);
}

describe('normal distribution against mpmath', () => {
  it('is within 4 ulps relative from z = −38.4 to 8.2, exact where subnormal', () => {
    let worst = 0;
    for (const { z, cdf, pdf, cdfOfMinusZ } of reference.normal) {
      for (const [ours, expected] of [
        [normalCdf(z), cdf],
        [normalPdf(z), pdf],
        [normalCdf(-z), cdfOfMinusZ],
      ] as const) {
        if (expected < 2.2250738585072014e-308) expect(Math.abs(ours - expected)).toBeLessThanOrEqual(5e-324);
        else worst = Math.max(worst, Math.abs(ours - expected) / expected / DBL_EPSILON);
      }
    }
    expect(worst).toBeLessThan(4);
  });
});

describe('Black-76 prices and Greeks against mpmath', () => {
  const greeks: OptionGreeks = emptyGreeks();
  const worst: Record<string, number> = {};
  const note = (name: string, ours: number, expected: number, scale: number, conditioning: number): void => {
    const units = relativeError(ours, expected, scale) / (DBL_EPSILON * conditioning);
    worst[name] = Math.max(worst[name] ?? 0, units);
  };
  for (const row of reference.black76) {
    const { forward, strike, timeYears, volatility, discountFactor } = row;
    const stdDev = volatility * Math.sqrt(timeYears);
    const x = Math.log(forward / strike);
    const d1 = x / stdDev + stdDev / 2;
    const conditioning = 1 + d1 * d1 + (x / stdDev) ** 2;
    const rate = -Math.log(discountFactor) / timeYears;
    for (const isCall of [true, false]) {
      black76GreeksInto(isCall, forward, strike, timeYears, volatility, discountFactor, rate, greeks);
      const price = isCall ? row.callPrice : row.putPrice;
      note('price', greeks.price, price, forward, conditioning);
      note('delta', greeks.delta, isCall ? row.callDelta : row.putDelta, 1, conditioning);
      note('gamma', greeks.gamma, row.gamma, 1 / forward, conditioning);
      note('vega', greeks.vega, row.vega, forward, conditioning);
      note('rho', greeks.rho, isCall ? row.callRho : row.putRho, forward, conditioning);
      const theta = isCall ? row.callTheta : row.putTheta;
      const thetaTerms = (Math.abs(rate * price) + (row.vega * 100 * volatility) / (2 * timeYears)) / 365;
      const thetaError = Math.abs(greeks.theta - theta) / (thetaTerms + Math.abs(theta) + SUBNORMAL_FLOOR * forward);
      worst.theta = Math.max(worst.theta ?? 0, thetaError / (DBL_EPSILON * conditioning));
    }
  }

  it.each(['price', 'delta', 'gamma', 'vega', 'theta', 'rho'])('%s is within 8ε × conditioning over the grid', (name) => {
    expect(worst[name]).toBeLessThan(8);
  });

  it('covers the grid the issue asks for (log-moneyness ±5, 1 minute to 2 years, vols 1%–300%)', () => {
    const logMoneyness = reference.black76.map((row) => Math.log(row.forward / row.strike));
    const times = reference.black76.map((row) => row.timeYears);
    const vols = reference.black76.map((row) => row.volatility);
    expect(Math.min(...logMoneyness)).toBeCloseTo(-5, 10);
    expect(Math.max(...logMoneyness)).toBeCloseTo(5, 10);
    expect(Math.min(...times) * 365 * 24 * 60).toBeCloseTo(1, 10);
    expect(Math.max(...times)).toBe(2);
    expect(Math.min(...vols)).toBe(0.01);
    expect(Math.max(...vols)).toBe(3);
    expect(new Set(reference.black76.map((row) => row.discountFactor)).size).toBeGreaterThan(4);
  });
});

describe('Black-Scholes-Merton with a dividend yield against mpmath', () => {
  it('prices and Greeks are within 8ε × conditioning (which includes the rounding of the forward)', () => {
    const greeks = emptyGreeks();
    let worst = 0;
    for (const row of reference.bsm) {
      const { spot, strike, timeYears, volatility, rate, dividendYield } = row;
      const stdDev = volatility * Math.sqrt(timeYears);
      const x = Math.log(spot / strike) + (rate - dividendYield) * timeYears;
      const d1 = x / stdDev + stdDev / 2;
      // Plus 1/(σ√T): forming the forward S·e^{(r−q)T} rounds it by ε, which moves x by ε and an
      // at-the-money price or delta by ~ε/(σ√T) relative (no such rounding in Black-76: F is given).
      const conditioning = 1 + d1 * d1 + (x / stdDev) ** 2 + 1 / stdDev;
      for (const right of ['CALL', 'PUT'] as const) {
        const call = right === 'CALL';
        bsmGreeks({ right, spot, strike, timeYears, volatility, rate, dividendYield }, greeks);
        const thetaScale =
          (spot * Math.exp(-dividendYield * timeYears) * (Math.abs(dividendYield) + volatility / Math.sqrt(timeYears)) +
            strike * Math.abs(rate)) /
          365;
        const checks: [number, number, number][] = [
          [greeks.price, call ? row.callPrice : row.putPrice, 0],
          [greeks.delta, call ? row.callDelta : row.putDelta, 0],
          [greeks.gamma, row.gamma, 0],
          [greeks.vega, row.vega, 0],
          [greeks.theta, call ? row.callTheta : row.putTheta, thetaScale],
          [greeks.rho, call ? row.callRho : row.putRho, strike * timeYears * 1e-2 * 1e-3],
        ];
        for (const [ours, expected, absoluteScale] of checks) {
          const error = Math.abs(ours - expected) / (Math.abs(expected) + absoluteScale + SUBNORMAL_FLOOR);
          worst = Math.max(worst, error / (DBL_EPSILON * conditioning));
        }
      }
    }
    expect(worst).toBeLessThan(8);
  });
});

describe('implied volatility against the exact IV of each reference price', () => {
  it('is within 1e-10 relative wherever the price carries the information', () => {
    const accuracy = ivAccuracy();
    expect(accuracy.wellConditionedCases).toBeGreaterThan(600);
    expect(accuracy.maxRelativeError).toBeLessThanOrEqual(1e-10);
    // In fact as good as the price allows: within a few times the IV uncertainty of one ulp of price,
    // or a few ulps of σ where that is smaller (3.3 at the time of writing).
    expect(accuracy.maxErrorOverConditioning).toBeLessThan(8);
  });

  it('elsewhere is never NaN: within 4× the conditioning, or a typed no-solution code', () => {
    for (const c of ivCases()) {
      const solved = impliedVolatilityCode(c.isCall, c.price, c.forward, c.strike, c.timeYears, c.discountFactor);
      expect(Number.isNaN(solved)).toBe(false);
      if (solved > 0) {
        expect(Math.abs(solved - c.exact) / c.exact).toBeLessThanOrEqual(4 * c.conditioning + 1e-13);
      } else {
        // Only where the price carries no information: time value or normalised price below the
        // double range's resolution (shared reference options-math.md).
        expect(c.wellConditioned).toBe(false);
        expect(solved).toBe(IV_NO_TIME_VALUE);
      }
    }
  });
});
