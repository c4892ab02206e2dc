import { describe, expect, it } from 'vitest';
import { expiryToEpochMs, isTokenUsable, refreshDelayMs } from './session-expiry.ts';

describe('expiryToEpochMs', () => {
  it('accepts epoch seconds, epoch milliseconds and ISO text', () => {
    expect(expiryToEpochMs(1_800_000_000)).toBe(1_800_000_000_000);
    expect(expiryToEpochMs(1_800_000_000_000)).toBe(1_800_000_000_000);
    expect(expiryToEpochMs('2027-01-15T00:00:00.000Z')).toBe(Date.parse('2027-01-15T00:00:00.000Z'));
  });
});

describe('refreshDelayMs', () => {
  it('refreshes a minute before expiry but never sooner than 5 s', () => {
    expect(refreshDelayMs(1_000_000 + 900_000, 1_000_000)).toBe(840_000);
    expect(refreshDelayMs(1_000_000 + 30_000, 1_000_000)).toBe(5_000);
  });
});

describe('isTokenUsable', () => {
  it('is true only while the token outlives the margin', () => {
    expect(isTokenUsable(1_000_000 + 60_000, 1_000_000)).toBe(true);
    expect(isTokenUsable(1_000_000 + 10_000, 1_000_000)).toBe(false);
    expect(isTokenUsable(1_000_000 - 1, 1_000_000)).toBe(false);
  });
});
