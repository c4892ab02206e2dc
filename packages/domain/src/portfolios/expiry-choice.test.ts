import { describe, expect, it } from 'vitest';
import type { ChainExpiry } from '../option-chain.ts';
import { monthlyOnOrAfter, resolveExpiryChoice } from './expiry-choice.ts';
import { domainErrorOf, EXPIRIES } from './test-chains.ts';

describe('resolveExpiryChoice', () => {
  it('counts every series for the weeks and monthly series for the months', () => {
    expect(resolveExpiryChoice('CURRENT_WEEK', EXPIRIES).expiry).toBe('2026-12-22');
    expect(resolveExpiryChoice('NEXT_WEEK', EXPIRIES).expiry).toBe('2026-12-29');
    expect(resolveExpiryChoice('CURRENT_MONTH', EXPIRIES).expiry).toBe('2026-12-29');
    expect(resolveExpiryChoice('NEXT_MONTH', EXPIRIES).expiry).toBe('2027-01-26');
  });

  it('takes a monthly series as the current week when it is the nearest', () => {
    const monthlyFirst: ChainExpiry[] = [
      { expiry: '2026-12-29', expiryType: 'MONTHLY' },
      { expiry: '2027-01-05', expiryType: 'WEEKLY' },
    ];
    expect(resolveExpiryChoice('CURRENT_WEEK', monthlyFirst).expiry).toBe('2026-12-29');
    expect(resolveExpiryChoice('NEXT_WEEK', monthlyFirst).expiry).toBe('2027-01-05');
  });

  it('throws EXPIRY_NOT_FOUND naming the choice and the listed series', () => {
    const oneMonthly = EXPIRIES.slice(0, 2);
    const error = domainErrorOf(() => resolveExpiryChoice('NEXT_MONTH', oneMonthly));
    expect(error.code).toBe('EXPIRY_NOT_FOUND');
    expect(error.message).toBe('No next month expiry is listed (listed: 2026-12-22, 2026-12-29 monthly).');
    expect(() => resolveExpiryChoice('CURRENT_WEEK', [])).toThrow('No current week expiry is listed (no expiries are listed).');
    expect(() => resolveExpiryChoice('NEXT_WEEK', EXPIRIES.slice(0, 1))).toThrow(/next week/);
  });
});

describe('monthlyOnOrAfter', () => {
  it('finds the monthly series a future of that week belongs to', () => {
    expect(monthlyOnOrAfter('2026-12-22', EXPIRIES)?.expiry).toBe('2026-12-29');
    expect(monthlyOnOrAfter('2026-12-29', EXPIRIES)?.expiry).toBe('2026-12-29');
    expect(monthlyOnOrAfter('2027-01-05', EXPIRIES)?.expiry).toBe('2027-01-26');
    expect(monthlyOnOrAfter('2027-02-02', EXPIRIES)).toBeUndefined();
  });
});
