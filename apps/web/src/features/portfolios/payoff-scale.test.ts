import { describe, expect, it } from 'vitest';
import { areaPath, compactRupees, invert, linePath, linearScale, nearestIndex, niceTicks, pnlDomain } from './payoff-scale.ts';

describe('payoff chart scales', () => {
  it('maps values to pixels and back, y growing downwards', () => {
    const x = linearScale([2_300_000, 2_500_000], [50, 650]);
    expect(x(2_400_000)).toBe(350);
    expect(invert(x, 650)).toBe(2_500_000);
    const y = linearScale([-1_000, 3_000], [260, 20]);
    expect(y(0)).toBe(200);
    expect(y(3_000)).toBe(20);
    expect(linearScale([5, 5], [0, 100])(5)).toBe(50);
  });

  it('always shows the zero line, with air above and below', () => {
    expect(pnlDomain({ atExpiry: [1_000, 5_000], today: [2_000, 3_000] })).toEqual([-400, 5_400]);
    const [low, high] = pnlDomain({ atExpiry: [-9_000, -1_000], today: [-8_000] });
    expect(low).toBeLessThan(-9_000);
    expect(high).toBeGreaterThan(0);
    // A flat zero curve still gets a visible band.
    expect(pnlDomain({ atExpiry: [0, 0], today: [0] })).toEqual([-100, 100]);
  });

  it('picks round tick values', () => {
    expect(niceTicks(-1_234, 4_321, 5)).toEqual([0, 2_000, 4_000]);
    expect(niceTicks(-1_234, 4_321, 8)).toEqual([-1_000, 0, 1_000, 2_000, 3_000, 4_000]);
    expect(niceTicks(2_310_000, 2_490_000, 4)).toEqual([2_350_000, 2_400_000, 2_450_000]);
    expect(niceTicks(0, 10, 4)).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });

  it('draws the curves as paths, the area closed on the zero line', () => {
    const x = linearScale([0, 10], [0, 100]);
    const y = linearScale([-10, 10], [100, 0]);
    expect(linePath([0, 5, 10], [-10, 10, 0], x, y)).toBe('M0.0 100.0 L50.0 0.0 L100.0 50.0');
    expect(areaPath([0, 10], [10, 10], x, y)).toBe('M0.0 0.0 L100.0 0.0 L100.0 50.0 L0.0 50.0 Z');
    expect(areaPath([], [], x, y)).toBe('');
  });

  it('snaps the hover to the nearest computed level', () => {
    const levels = [10, 20, 30, 45];
    expect(nearestIndex(levels, 0)).toBe(0);
    expect(nearestIndex(levels, 24)).toBe(1);
    expect(nearestIndex(levels, 40)).toBe(3);
    expect(nearestIndex(levels, 99)).toBe(3);
    expect(nearestIndex([], 5)).toBe(-1);
  });

  it('labels axis money shortly, the Indian way', () => {
    expect(compactRupees(95_000)).toBe('₹950');
    expect(compactRupees(1_250_000)).toBe('₹12.5k');
    expect(compactRupees(-15_000_000)).toBe('−₹1.5L');
    expect(compactRupees(3_400_000_000)).toBe('₹3.4Cr');
    expect(compactRupees(0)).toBe('₹0');
  });
});
