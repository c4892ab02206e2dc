import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type ChainOption, type ChainRow, type OptionChain } from '@strikedesk/domain';
import { changedStrikes, classifyRow, formatIv, formatTimeToExpiry, stabiliseChain } from './chain-view.ts';

const option = (id: string, lastPrice: number): ChainOption => ({
  instrumentId: asInstrumentId(id),
  bid: paise(lastPrice - 5),
  ask: paise(lastPrice + 5),
  lastPrice: paise(lastPrice),
  change: 0,
  volume: 10,
  openInterest: 100,
  openInterestChange: 0,
  iv: 0.15,
  delta: 0.5,
  gamma: 0.0001,
  theta: -1,
  vega: 2,
});

const row = (strike: number, call: number, put: number): ChainRow => ({
  strike: paise(strike),
  call: option(`NFO:C${strike}`, call),
  put: option(`NFO:P${strike}`, put),
});

const chain = (rows: ChainRow[], overrides: Partial<OptionChain> = {}): OptionChain => ({
  underlying: 'NIFTY',
  expiry: '2026-11-26',
  expiryType: 'WEEKLY',
  timestamp: 1,
  spot: paise(2_400_000),
  future: paise(2_402_000),
  forward: 24_020,
  timeToExpiryYears: 0.01,
  lotSize: 75,
  atmStrike: paise(2_400_000),
  atmIv: 0.15,
  pcr: 1,
  maxPain: paise(2_400_000),
  rows,
  ...overrides,
});

describe('classifyRow', () => {
  const c = chain([]);
  it('marks the ATM strike and shades calls below the forward, puts above it', () => {
    expect(classifyRow(2_400_000, c)).toEqual({ atm: true, callItm: true, putItm: false });
    expect(classifyRow(2_410_000, c)).toEqual({ atm: false, callItm: false, putItm: true });
    expect(classifyRow(2_390_000, c)).toEqual({ atm: false, callItm: true, putItm: false });
  });
  it('a strike exactly at the forward is in the money for neither side', () => {
    expect(classifyRow(2_402_000, c)).toEqual({ atm: false, callItm: false, putItm: false });
  });
});

describe('stabiliseChain', () => {
  it('reuses unchanged rows so only moved strikes re-render', () => {
    const before = chain([row(2_390_000, 20_000, 5_000), row(2_400_000, 12_000, 10_000), row(2_410_000, 6_000, 16_000)]);
    const after = chain([row(2_390_000, 20_000, 5_000), row(2_400_000, 12_050, 10_000), row(2_410_000, 6_000, 16_000)], { timestamp: 2 });
    const stable = stabiliseChain(before, after);
    expect(stable.rows[0]).toBe(before.rows[0]);
    expect(stable.rows[1]).not.toBe(before.rows[1]);
    expect(stable.rows[2]).toBe(before.rows[2]);
    expect(stable.timestamp).toBe(2);
    expect(changedStrikes(before, after)).toEqual([2_400_000]);
  });

  it('keeps the rows array when nothing moved, and handles a shifted window', () => {
    const before = chain([row(2_390_000, 20_000, 5_000), row(2_400_000, 12_000, 10_000)]);
    const same = chain([row(2_390_000, 20_000, 5_000), row(2_400_000, 12_000, 10_000)]);
    expect(stabiliseChain(before, same).rows).toBe(before.rows);
    const shifted = chain([row(2_400_000, 12_000, 10_000), row(2_410_000, 6_000, 16_000)]);
    const stable = stabiliseChain(before, shifted);
    expect(stable.rows[0]).toBe(before.rows[1]);
    expect(changedStrikes(before, shifted)).toEqual([2_410_000]);
  });

  it('does not mix chains of different expiries', () => {
    const before = chain([row(2_400_000, 12_000, 10_000)]);
    const other = chain([row(2_400_000, 12_000, 10_000)], { expiry: '2026-12-31' });
    expect(stabiliseChain(before, other).rows[0]).not.toBe(before.rows[0]);
  });
});

describe('formatting', () => {
  it('shows IV as a percentage and time to expiry in days or hours', () => {
    expect(formatIv(0.15234)).toBe('15.23');
    expect(formatIv(null)).toBe('—');
    expect(formatTimeToExpiry(3.5 / 365)).toBe('3d 12h');
    expect(formatTimeToExpiry(90 / (365 * 24 * 60))).toBe('1h 30m');
    expect(formatTimeToExpiry(0)).toBe('expired');
  });
});
