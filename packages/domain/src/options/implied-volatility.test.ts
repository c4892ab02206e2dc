import { describe, expect, it } from 'vitest';
import { black76Price } from './black76.ts';
import { impliedVolatility, type ImpliedVolatilityInput } from './implied-volatility.ts';

const base = { forward: 24_000, strike: 24_000, timeYears: 7 / 365, discountFactor: Math.exp(-0.065 * (7 / 365)) };

function roundTrip(input: Omit<ImpliedVolatilityInput, 'price'>, volatility: number): number {
  const price = black76Price({ ...input, volatility });
  const result = impliedVolatility({ ...input, price });
  if (!result.ok) throw new Error(`no IV: ${result.reason}`);
  return result.volatility;
}

describe('impliedVolatility', () => {
  it.each([
    ['ATM weekly', 'CALL', 24_000, 7 / 365, 0.12],
    ['OTM put, 5 minutes left', 'PUT', 23_900, 5 / (365 * 24 * 60), 0.25],
    ['deep OTM call, 1%', 'CALL', 26_000, 30 / 365, 0.01 * 8],
    ['deep ITM call', 'CALL', 18_000, 1, 0.2],
    ['vol 500%', 'PUT', 24_000, 30 / 365, 5],
    ['vol 1%', 'CALL', 24_100, 60 / 365, 0.01],
  ] as const)('round-trips %s', (_label, right, strike, timeYears, volatility) => {
    const input = { ...base, right, strike, timeYears, discountFactor: Math.exp(-0.065 * timeYears) };
    expect(Math.abs(roundTrip(input, volatility) / volatility - 1)).toBeLessThan(1e-12);
  });

  it('reports BELOW_INTRINSIC, ABOVE_MAXIMUM and NO_TIME_VALUE instead of NaN', () => {
    const call = { ...base, right: 'CALL' as const, strike: 23_000 };
    const intrinsic = base.discountFactor * 1_000;
    expect(impliedVolatility({ ...call, price: intrinsic - 0.05 })).toEqual({ ok: false, reason: 'BELOW_INTRINSIC' });
    expect(impliedVolatility({ ...call, price: intrinsic })).toEqual({ ok: false, reason: 'NO_TIME_VALUE' });
    expect(impliedVolatility({ ...call, price: base.discountFactor * 24_000 })).toEqual({ ok: false, reason: 'ABOVE_MAXIMUM' });
    expect(impliedVolatility({ ...base, right: 'PUT', price: base.discountFactor * 24_000 + 1 })).toEqual({
      ok: false,
      reason: 'ABOVE_MAXIMUM',
    });
    expect(impliedVolatility({ ...base, right: 'PUT', strike: 20_000, price: 0 })).toEqual({ ok: false, reason: 'NO_TIME_VALUE' });
    expect(impliedVolatility({ ...base, right: 'CALL', price: -1 })).toEqual({ ok: false, reason: 'BELOW_INTRINSIC' });
  });

  it('reports INVALID_INPUT for expired or malformed inputs', () => {
    for (const bad of [{ timeYears: 0 }, { timeYears: -1 }, { forward: 0 }, { strike: NaN }, { price: NaN }, { price: Infinity }, { discountFactor: 0 }]) {
      expect(impliedVolatility({ ...base, right: 'CALL', price: 100, ...bad })).toEqual({ ok: false, reason: 'INVALID_INPUT' });
    }
  });

  it('is exact near the upper bound and for prices a hair above intrinsic', () => {
    const input = { ...base, right: 'CALL' as const, strike: 1_000, timeYears: 2, discountFactor: 1 };
    expect(Math.abs(roundTrip(input, 4) / 4 - 1)).toBeLessThan(1e-11);
    const itm = { ...base, right: 'PUT' as const, strike: 24_500 };
    expect(Math.abs(roundTrip(itm, 0.05) / 0.05 - 1)).toBeLessThan(1e-10);
  });
});
