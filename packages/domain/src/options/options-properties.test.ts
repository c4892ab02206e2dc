import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { black76GreeksInto, black76Price, emptyGreeks } from './black76.ts';
import { impliedVolatility, impliedVolatilityCode, IV_ABOVE_MAXIMUM, IV_BELOW_INTRINSIC } from './implied-volatility.ts';

const EPSILON = 2.220446049250313e-16;
const MINUTE = 1 / (365 * 24 * 60);

const ulp = (value: number): number =>
  Math.abs(value) < 2.2250738585072014e-308 ? 5e-324 : 2 ** (Math.floor(Math.log2(Math.abs(value))) - 52);

/** Random market: log-moneyness ±5, 1 minute to 2 years, vols 1%–500%, rates −1%…15%. */
const market = fc.record({
  isCall: fc.boolean(),
  forward: fc.double({ min: 1, max: 1e7, noNaN: true }),
  logMoneyness: fc.double({ min: -5, max: 5, noNaN: true }),
  timeYears: fc.double({ min: MINUTE, max: 2, noNaN: true }),
  volatility: fc.double({ min: 0.01, max: 5, noNaN: true }),
  rate: fc.double({ min: -0.01, max: 0.15, noNaN: true }),
});

type Market = { isCall: boolean; forward: number; logMoneyness: number; timeYears: number; volatility: number; rate: number };
const strikeOf = (m: Market) => m.forward * Math.exp(-m.logMoneyness);
const discountOf = (m: Market) => Math.exp(-m.rate * m.timeYears);
const priceOf = (m: Market, isCall = m.isCall, volatility = m.volatility) =>
  black76Price({
    right: isCall ? 'CALL' : 'PUT',
    forward: m.forward,
    strike: strikeOf(m),
    timeYears: m.timeYears,
    volatility,
    discountFactor: discountOf(m),
  });

describe('Black-76 properties', () => {
  it('put-call parity: C − P = D·(F − K)', () => {
    fc.assert(
      fc.property(market, (m) => {
        const strike = strikeOf(m);
        const difference = priceOf(m, true) - priceOf(m, false);
        const expected = discountOf(m) * (m.forward - strike);
        return Math.abs(difference - expected) <= 8 * EPSILON * discountOf(m) * Math.max(m.forward, strike);
      }),
      { numRuns: 3000 },
    );
  });

  it('price is non-decreasing in volatility and vega is non-negative', () => {
    const greeks = emptyGreeks();
    fc.assert(
      fc.property(market, fc.double({ min: 1.0001, max: 3, noNaN: true }), (m, factor) => {
        const low = priceOf(m);
        const high = priceOf(m, m.isCall, Math.min(m.volatility * factor, 6));
        black76GreeksInto(m.isCall, m.forward, strikeOf(m), m.timeYears, m.volatility, discountOf(m), m.rate, greeks);
        return high >= low * (1 - 4 * EPSILON) && greeks.vega >= 0 && greeks.gamma >= 0;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('implied volatility properties', () => {
  it('IV(price(σ)) = σ to 1e-10 wherever the price carries the information', () => {
    let checked = 0;
    const greeks = emptyGreeks();
    fc.assert(
      fc.property(market, (m) => {
        const strike = strikeOf(m);
        const discount = discountOf(m);
        black76GreeksInto(m.isCall, m.forward, strike, m.timeYears, m.volatility, discount, m.rate, greeks);
        const price = greeks.price;
        const intrinsic = discount * Math.max(m.isCall ? m.forward - strike : strike - m.forward, 0);
        const upper = discount * (m.isCall ? m.forward : strike);
        const conditioning = ulp(price) / (greeks.vega * 100 * m.volatility);
        const informative = price - intrinsic > 1e-12 * m.forward && upper - price > 1e-12 * m.forward && conditioning <= 1e-12;
        const solved = impliedVolatilityCode(m.isCall, price, m.forward, strike, m.timeYears, discount);
        expect(Number.isNaN(solved)).toBe(false);
        if (!informative) return true;
        checked++;
        return Math.abs(solved - m.volatility) / m.volatility <= 1e-10;
      }),
      { numRuns: 5000 },
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('no solution below intrinsic or at/above the upper bound', () => {
    fc.assert(
      fc.property(market, fc.double({ min: 1e-9, max: 1, noNaN: true }), (m, fraction) => {
        const strike = strikeOf(m);
        const discount = discountOf(m);
        const intrinsic = discount * Math.max(m.isCall ? m.forward - strike : strike - m.forward, 0);
        const upper = discount * (m.isCall ? m.forward : strike);
        const below = intrinsic * (1 - fraction) - 1e-9 * m.forward;
        const above = upper * (1 + fraction);
        return (
          impliedVolatilityCode(m.isCall, below, m.forward, strike, m.timeYears, discount) === IV_BELOW_INTRINSIC &&
          impliedVolatilityCode(m.isCall, above, m.forward, strike, m.timeYears, discount) === IV_ABOVE_MAXIMUM &&
          impliedVolatilityCode(m.isCall, upper, m.forward, strike, m.timeYears, discount) === IV_ABOVE_MAXIMUM
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns NaN or Infinity, whatever the input', () => {
    const anyDouble = fc.double();
    fc.assert(
      fc.property(fc.boolean(), anyDouble, anyDouble, anyDouble, anyDouble, anyDouble, (isCall, price, forward, strike, time, discount) => {
        const result = impliedVolatility({ right: isCall ? 'CALL' : 'PUT', price, forward, strike, timeYears: time, discountFactor: discount });
        return result.ok ? Number.isFinite(result.volatility) && result.volatility > 0 : typeof result.reason === 'string';
      }),
      { numRuns: 3000 },
    );
  });
});
