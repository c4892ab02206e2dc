import { describe, expect, it } from 'vitest';
import { expiryInstantMs, MILLISECONDS_PER_YEAR, timeToExpiryYears } from './time-to-expiry.ts';

describe('time to expiry', () => {
  it('expires at 15:30 IST (10:00 UTC) on the expiry date', () => {
    expect(new Date(expiryInstantMs('2026-12-29')).toISOString()).toBe('2026-12-29T10:00:00.000Z');
  });

  it('counts calendar time in years of 365 days (ACT/365), weekends included', () => {
    const fridayClose = Date.parse('2026-11-27T10:00:00Z'); // Friday 15:30 IST
    expect(timeToExpiryYears('2026-12-01', fridayClose)).toBe(4 / 365); // to Tuesday 15:30 IST
    const oneMinuteBefore = Date.parse('2026-12-01T09:59:00Z');
    expect(timeToExpiryYears('2026-12-01', oneMinuteBefore) * MILLISECONDS_PER_YEAR).toBeCloseTo(60_000, 6);
  });

  it('is zero at and after expiry', () => {
    expect(timeToExpiryYears('2026-12-01', Date.parse('2026-12-01T10:00:00Z'))).toBe(0);
    expect(timeToExpiryYears('2026-12-01', Date.parse('2026-12-02T00:00:00Z'))).toBe(0);
  });

  it('rejects malformed or impossible dates', () => {
    expect(() => expiryInstantMs('2026-02-30')).toThrow(RangeError);
    expect(() => expiryInstantMs('29-12-2026')).toThrow(RangeError);
  });
});
