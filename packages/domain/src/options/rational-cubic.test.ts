import { describe, expect, it } from 'vitest';
import { convexControlParameterToFitSecondDerivativeAtRightSide, rationalCubicInterpolation } from './rational-cubic.ts';

describe('rational cubic interpolation', () => {
  it('hits the end points and reduces to linear interpolation for a huge control parameter', () => {
    expect(rationalCubicInterpolation(0, 0, 1, 2, 5, 1, 4, 3)).toBe(2);
    expect(rationalCubicInterpolation(1, 0, 1, 2, 5, 1, 4, 3)).toBe(5);
    expect(rationalCubicInterpolation(0.25, 0, 1, 2, 5, 100, -100, 1e40)).toBeCloseTo(2.75, 14);
  });

  it('with r = 3 is the cubic Hermite interpolant (reproduces x³ from its end values and slopes)', () => {
    for (const t of [0.1, 0.5, 0.9]) expect(rationalCubicInterpolation(t, 0, 1, 0, 1, 0, 3, 3)).toBeCloseTo(t ** 3, 14);
  });

  it('a convex fit stays convex and monotone between convex data', () => {
    const r = convexControlParameterToFitSecondDerivativeAtRightSide(0, 1, 0, 1, 0.2, 3, 10, true);
    let previous = -Infinity;
    for (let t = 0; t <= 1; t += 0.05) {
      const value = rationalCubicInterpolation(t, 0, 1, 0, 1, 0.2, 3, r);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
});
