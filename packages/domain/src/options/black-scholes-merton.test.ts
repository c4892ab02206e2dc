import { describe, expect, it } from 'vitest';
import { bsmGreeks, bsmImpliedVolatility, bsmPrice, type BlackScholesMertonInput } from './black-scholes-merton.ts';
import { black76Price } from './black76.ts';

const base: BlackScholesMertonInput = {
  right: 'CALL',
  spot: 100,
  strike: 105,
  timeYears: 0.75,
  volatility: 0.3,
  rate: 0.065,
  dividendYield: 0.015,
};

describe('Black-Scholes-Merton', () => {
  it('is Black-76 on the forward S·e^{(r−q)T}', () => {
    const forward = 100 * Math.exp((0.065 - 0.015) * 0.75);
    const black = black76Price({ ...base, forward, discountFactor: Math.exp(-0.065 * 0.75) });
    expect(bsmPrice(base)).toBeCloseTo(black, 13);
  });

  it('matches mpmath for S=100, K=105, T=0.75, σ=30%, r=6.5%, q=1.5%', () => {
    // mpmath, 60 digits
    expect(bsmPrice(base)).toBeCloseTo(9.7264344049974218, 12);
  });

  it.each(['CALL', 'PUT'] as const)('%s Greeks match finite differences in spot, vol, time and rate', (right) => {
    const input = { ...base, right };
    const g = bsmGreeks(input);
    const at = (change: Partial<BlackScholesMertonInput>) => bsmPrice({ ...input, ...change });
    expect(g.delta).toBeCloseTo((at({ spot: 100.001 }) - at({ spot: 99.999 })) / 0.002, 8);
    expect(g.gamma).toBeCloseTo((at({ spot: 100.01 }) - 2 * g.price + at({ spot: 99.99 })) / 1e-4, 6);
    expect(g.vega).toBeCloseTo((at({ volatility: 0.30001 }) - at({ volatility: 0.29999 })) / 2e-5 / 100, 9);
    expect(g.theta).toBeCloseTo(-(at({ timeYears: 0.75001 }) - at({ timeYears: 0.74999 })) / 2e-5 / 365, 9);
    expect(g.rho).toBeCloseTo((at({ rate: 0.06501 }) - at({ rate: 0.06499 })) / 2e-5 / 100, 9);
  });

  it('implied volatility round-trips through the forward', () => {
    for (const right of ['CALL', 'PUT'] as const) {
      const price = bsmPrice({ ...base, right });
      const result = bsmImpliedVolatility({ ...base, right, price });
      expect(result.ok && Math.abs(result.volatility / 0.3 - 1)).toBeLessThan(1e-13);
    }
    expect(bsmImpliedVolatility({ ...base, price: 1, spot: 0 })).toEqual({ ok: false, reason: 'INVALID_INPUT' });
  });
});
