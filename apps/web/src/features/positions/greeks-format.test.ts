import { describe, expect, it } from 'vitest';
import { formatDeltaLots, formatGreekRupees } from './greeks-format.ts';

describe('greeks formatting', () => {
  it('shows rupee Greeks as signed whole rupees with Indian grouping', () => {
    expect(formatGreekRupees(123_456.7)).toBe('+1,23,457');
    expect(formatGreekRupees(-789.2)).toBe('-789');
    expect(formatGreekRupees(0.3)).toBe('0');
    expect(formatGreekRupees(Number.NaN)).toBe('—');
  });
  it('shows delta lots with two decimals and a sign', () => {
    expect(formatDeltaLots(0.5234)).toBe('+0.52');
    expect(formatDeltaLots(-1)).toBe('-1.00');
    expect(formatDeltaLots(0.001)).toBe('0.00');
    expect(formatDeltaLots(undefined)).toBe('—');
  });
});
