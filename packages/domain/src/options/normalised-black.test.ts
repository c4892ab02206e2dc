import { describe, expect, it } from 'vitest';
import { logMoneyness, normalisedBlackCall, normalisedIntrinsic, normalisedVega } from './normalised-black.ts';

describe('normalised Black function', () => {
  it('is continuous across the boundaries of its four evaluation regions', () => {
    // Region 2 ends at s = 2·ε^(1/16) ≈ 0.2102; region 3 starts where x/s + s/2 = 0.85; region 1 at x/s = −10.
    const boundaries: [number, number][] = [
      [-0.05, 0.4204482076268573],
      [-2, 2 * (0.85 + Math.sqrt(0.85 ** 2 + 4)) / 2],
      [-10 * 0.9, 0.9],
    ];
    for (const [x, s] of boundaries) {
      const below = normalisedBlackCall(x, s * (1 - 1e-12));
      const above = normalisedBlackCall(x, s * (1 + 1e-12));
      const slope = normalisedVega(x, s) * s * 2e-12;
      expect(Math.abs(above - below - slope) / below).toBeLessThan(1e-13);
    }
  });

  it('prices calls from the out-of-the-money side plus intrinsic, and b(0, s) = 2Φ(s/2) − 1', () => {
    expect(normalisedBlackCall(0.3, 0.2) - normalisedBlackCall(-0.3, 0.2)).toBeCloseTo(normalisedIntrinsic(0.3, 1), 15);
    expect(normalisedBlackCall(0, 0.2)).toBeCloseTo(0.07965567455405798, 15);
    expect(normalisedBlackCall(-1, 0)).toBe(0);
    expect(normalisedIntrinsic(-1, 1)).toBe(0);
    expect(normalisedIntrinsic(-1, -1)).toBeCloseTo(Math.exp(0.5) - Math.exp(-0.5), 15);
  });

  it('vega is the derivative in s', () => {
    for (const [x, s] of [
      [-0.1, 0.05],
      [-1, 0.7],
      [0, 1.5],
    ] as const) {
      const h = 1e-6 * s;
      const difference = (normalisedBlackCall(x, s + h) - normalisedBlackCall(x, s - h)) / (2 * h);
      expect(Math.abs(difference / normalisedVega(x, s) - 1)).toBeLessThan(1e-7);
    }
  });

  it('logMoneyness keeps relative precision near the money', () => {
    // mpmath: ln(100.000001/100) for the double nearest 100.000001 is 9.999999924752427e-9; the
    // rounding of F/K alone would make it wrong in the 8th digit.
    expect(logMoneyness(100.000001, 100)).toBe(9.999999924752427e-9);
    expect(logMoneyness(300, 100)).toBe(Math.log(3));
  });
});
