import { describe, expect, it } from 'vitest';
import { black76Price, normalCdf } from './black76.ts';

describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-2, 0.022750131948179195],
    [-6, 9.865876450377012e-10],
    [3.5, 0.9997673709209645],
    [-8, 6.220960574271819e-16],
  ])('N(%d)', (x, expected) => {
    // Absolute accuracy is what option prices need; relative accuracy is looser in the far tail.
    expect(Math.abs(normalCdf(x) - expected)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-8);
  });
});

describe('black76Price', () => {
  const base = { forward: 100, strike: 100, timeYears: 0.5, volatility: 0.2, discountFactor: Math.exp(-0.05 * 0.5) };

  it('matches a hand-computed ATM value', () => {
    // ATM: C = D·F·(2N(σ√T/2) − 1)
    const sd = 0.2 * Math.sqrt(0.5);
    const expected = base.discountFactor * 100 * (2 * normalCdf(sd / 2) - 1);
    expect(black76Price({ ...base, right: 'CALL' })).toBeCloseTo(expected, 12);
    expect(black76Price({ ...base, right: 'CALL' })).toBeCloseTo(5.498014870607, 9);
  });

  it('satisfies put-call parity C − P = D·(F − K)', () => {
    for (const strike of [60, 90, 100, 110, 150]) {
      const call = black76Price({ ...base, strike, right: 'CALL' });
      const put = black76Price({ ...base, strike, right: 'PUT' });
      expect(call - put).toBeCloseTo(base.discountFactor * (100 - strike), 10);
    }
  });

  it('is the discounted intrinsic value at expiry', () => {
    expect(black76Price({ ...base, strike: 90, timeYears: 0, right: 'CALL' })).toBeCloseTo(base.discountFactor * 10, 12);
    expect(black76Price({ ...base, strike: 90, timeYears: 0, right: 'PUT' })).toBe(0);
  });

  it('increases with volatility', () => {
    const low = black76Price({ ...base, strike: 120, right: 'CALL', volatility: 0.1 });
    const high = black76Price({ ...base, strike: 120, right: 'CALL', volatility: 0.3 });
    expect(high).toBeGreaterThan(low);
  });
});
