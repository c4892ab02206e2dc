import { describe, expect, it } from 'vitest';
import { black76Greeks, black76GreeksInto, black76Price, emptyGreeks, type Black76Input } from './black76.ts';
import { normalCdf } from './normal-distribution.ts';

const base = { forward: 100, strike: 100, timeYears: 0.5, volatility: 0.2, discountFactor: Math.exp(-0.05 * 0.5) };

describe('black76Price', () => {
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

  it('keeps relative precision far out of the money where F·N(d1) − K·N(d2) cancels', () => {
    // F = 100, K = 130, σ√T = 0.02: the textbook formula loses every digit here.
    const price = black76Price({ right: 'CALL', forward: 100, strike: 130, timeYears: 0.01, volatility: 0.2, discountFactor: 1 });
    expect(Math.abs(price / 2.2252994806906626e-40 - 1)).toBeLessThan(1e-12); // mpmath, 60 digits
  });

  it('rejects non-positive forward or strike', () => {
    expect(() => black76Price({ ...base, right: 'CALL', forward: 0 })).toThrow(RangeError);
    expect(() => black76Greeks({ ...base, right: 'CALL', strike: -1 })).toThrow(RangeError);
  });
});

describe('black76Greeks', () => {
  const bump = (input: Black76Input, key: keyof Omit<Black76Input, 'right'>, relative: number) => {
    const h = input[key] * relative;
    const up = black76Price({ ...input, [key]: input[key] + h });
    const down = black76Price({ ...input, [key]: input[key] - h });
    return { up, down, h };
  };

  it.each([
    ['CALL', 90],
    ['CALL', 115],
    ['PUT', 95],
    ['PUT', 130],
  ] as const)('%s K=%d: price equals black76Price and Greeks match finite differences', (right, strike) => {
    const input: Black76Input = { ...base, right, strike };
    const g = black76Greeks(input);
    expect(g.price).toBe(black76Price(input));
    const delta = bump(input, 'forward', 1e-5);
    expect(g.delta).toBeCloseTo((delta.up - delta.down) / (2 * delta.h), 7);
    const gamma = bump(input, 'forward', 1e-3);
    expect(g.gamma).toBeCloseTo((gamma.up - 2 * g.price + gamma.down) / (gamma.h * gamma.h), 6);
    const vega = bump(input, 'volatility', 1e-5);
    expect(g.vega).toBeCloseTo((vega.up - vega.down) / (2 * vega.h) / 100, 8);
    // Theta: one calendar day passes, the rate r = −ln(D)/T held fixed (so D moves with T).
    const rate = -Math.log(base.discountFactor) / base.timeYears;
    const later = { ...input, timeYears: base.timeYears - 1e-6, discountFactor: Math.exp(-rate * (base.timeYears - 1e-6)) };
    const earlier = { ...input, timeYears: base.timeYears + 1e-6, discountFactor: Math.exp(-rate * (base.timeYears + 1e-6)) };
    expect(g.theta).toBeCloseTo(((black76Price(later) - black76Price(earlier)) / 2e-6) / 365, 8);
    // Rho with the forward held fixed: only the discount factor moves.
    const rhoUp = black76Price({ ...input, discountFactor: Math.exp(-(rate + 1e-6) * base.timeYears) });
    const rhoDown = black76Price({ ...input, discountFactor: Math.exp(-(rate - 1e-6) * base.timeYears) });
    expect(g.rho).toBeCloseTo((rhoUp - rhoDown) / 2e-6 / 100, 8);
  });

  it('writes into a reused object and allocates nothing in the positional form', () => {
    const out = emptyGreeks();
    const same = black76GreeksInto(true, 100, 105, 0.1, 0.25, 0.99, -Math.log(0.99) / 0.1, out);
    expect(same).toBe(out);
    expect(out.price).toBeGreaterThan(0);
  });

  it('at expiry: intrinsic value, step delta, no gamma or vega', () => {
    const g = black76Greeks({ ...base, right: 'PUT', strike: 110, timeYears: 0, discountFactor: 1 });
    expect(g).toEqual({ price: 10, delta: -1, gamma: 0, theta: 0, vega: 0, rho: -0 });
    const otm = black76Greeks({ ...base, right: 'CALL', strike: 110, volatility: 0 });
    expect(otm.price).toBe(0);
    expect(otm.delta).toBe(0);
  });
});
