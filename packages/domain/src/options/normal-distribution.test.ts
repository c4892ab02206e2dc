import { describe, expect, it } from 'vitest';
import { erfcx, inverseNormalCdf, normalCdf, normalPdf, normalTailAndDensity } from './normal-distribution.ts';

// Values computed with mpmath at 60 digits and rounded to double (the full sweep against the
// committed reference table lives in reference/options-reference.test.ts).
describe('normalCdf', () => {
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-2, 0.022750131948179195],
    [-6, 9.865876450376981e-10],
    [3.5, 0.9997673709209645],
    [-8, 6.220960574271784e-16],
    [-20, 2.7536241186062337e-89],
    [-37, 5.725571222524577e-300],
  ])('N(%d) to a few ulps relative', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-15);
  });

  it('keeps relative precision at z = −38 where the result is subnormal', () => {
    // Φ(−38) = 2.88542836006878e-316 (mpmath); the subnormal spacing there is 4.9e-324.
    expect(Math.abs(normalCdf(-38) - 2.8854283600687843e-316)).toBeLessThanOrEqual(5e-324);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(Number.isNaN(normalCdf(NaN))).toBe(true);
  });

  it('is monotone and symmetric', () => {
    let previous = 0;
    for (let z = -38; z <= 8; z += 0.01) {
      const value = normalCdf(z);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
      if (Math.abs(z) < 8) expect(Math.abs(normalCdf(z) + normalCdf(-z) - 1)).toBeLessThan(3e-16);
    }
  });
});

describe('normalPdf, normalTailAndDensity, erfcx, inverseNormalCdf', () => {
  it('normalPdf matches exp(−z²/2)/√(2π) where that is exact enough', () => {
    expect(normalPdf(0)).toBe(0.3989422804014327);
    expect(normalPdf(1)).toBeCloseTo(0.24197072451914337, 16);
    expect(Math.abs(normalPdf(-30) / 1.4736461348785475e-196 - 1)).toBeLessThan(1e-15);
  });

  it('normalTailAndDensity agrees with the separate functions', () => {
    const out = new Float64Array(2);
    for (const z of [0, 0.3, 0.7, 2, 5.5, 12, 36.9, 37.5, 39]) {
      normalTailAndDensity(z, out);
      expect(out[0]).toBe(normalCdf(-z));
      expect(Math.abs((out[1] as number) - normalPdf(z))).toBeLessThanOrEqual(2.3e-16 * normalPdf(z));
    }
  });

  it('erfcx(x) = exp(x²)·erfc(x) on both sides of zero', () => {
    expect(erfcx(0)).toBe(1);
    expect(Math.abs(erfcx(1) / 0.42758357615580700442 - 1)).toBeLessThan(3e-16);
    expect(Math.abs(erfcx(10) / 0.05614099274382258586 - 1)).toBeLessThan(3e-16);
    expect(Math.abs(erfcx(-1) / 5.00898008076228346 - 1)).toBeLessThan(3e-16);
    expect(erfcx(-30)).toBe(Infinity);
  });

  it('inverseNormalCdf (AS241) inverts normalCdf to ~1e-15 relative, 1e-11 at the very bottom', () => {
    for (const z of [-20, -8, -3, -1, -0.1, 0, 0.4, 1.5]) {
      expect(Math.abs(inverseNormalCdf(normalCdf(z)) - z)).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(z)));
    }
    // Only the implied-volatility initial guess uses it; the Householder steps make up the rest.
    expect(Math.abs(inverseNormalCdf(normalCdf(-37)) / -37 - 1)).toBeLessThan(1e-11);
    expect(inverseNormalCdf(0)).toBe(-Infinity);
    expect(inverseNormalCdf(1)).toBe(Infinity);
  });
});
