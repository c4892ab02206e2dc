import { describe, expect, it } from 'vitest';
import { asInstrumentId, paise, type ChainOption, type ChainRow, type OptionChain } from '@strikedesk/domain';
import { chainMatchesQuery, chainPlaceholder, changedStrikes, classifyRow, formatGreek, formatIv, formatTimeToExpiry, stabiliseChain } from './chain-view.ts';

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
  discountFactor: Math.exp(-0.065 * 0.01),
  strikesEachSide: 15,
  lotSize: 75,
  atmStrike: paise(2_400_000),
  atmIv: 0.15,
  pcr: 1,
  maxPain: paise(2_400_000),
  rows,
  ...overrides,
});

describe('classifyRow', () => {
  // Spot 24,000.00 below the forward 24,020 (ATM = the strike nearest the forward, from the engine).
  const c = chain([], { spot: paise(2_400_000), forward: 24_020, atmStrike: paise(2_400_000) });
  it('marks the engine’s ATM strike and shades calls below spot, puts above it', () => {
    expect(classifyRow(2_390_000, c)).toEqual({ atm: false, callItm: true, putItm: false });
    expect(classifyRow(2_410_000, c)).toEqual({ atm: false, callItm: false, putItm: true });
  });
  it('a strike exactly at spot is in the money for neither side, whatever the forward', () => {
    expect(classifyRow(2_400_000, c)).toEqual({ atm: true, callItm: false, putItm: false });
  });
  it('shades against spot, not the forward, when a strike lies between them', () => {
    // Spot 24,010 < strike 24,015 < forward 24,020: the call settles OTM against spot, the put ITM.
    const between = chain([], { spot: paise(2_401_000), forward: 24_020, atmStrike: paise(2_402_000) });
    expect(classifyRow(2_401_500, between)).toEqual({ atm: false, callItm: false, putItm: true });
    // ATM follows the engine's atmStrike (nearest the forward), even though it is above spot.
    expect(classifyRow(2_402_000, between)).toEqual({ atm: true, callItm: false, putItm: true });
  });
});

describe('chainMatchesQuery (accepting chain pushes)', () => {
  const query = { underlying: 'NIFTY', expiry: '2026-11-26', strikesEachSide: 15 as const };
  it('accepts a push of exactly the current query', () => {
    expect(chainMatchesQuery(chain([]), query)).toBe(true);
  });
  it('drops a push for another underlying, expiry or strikes window', () => {
    expect(chainMatchesQuery(chain([], { underlying: 'BANKNIFTY' }), query)).toBe(false);
    expect(chainMatchesQuery(chain([], { expiry: '2026-12-31' }), query)).toBe(false);
    // A narrower window (10 each side, 21 rows) would fit 15 each side by row count: the echo decides.
    expect(chainMatchesQuery(chain([], { strikesEachSide: 10 }), query)).toBe(false);
    expect(chainMatchesQuery(chain([], { strikesEachSide: 20 }), query)).toBe(false);
  });
  it('drops a push without the echoed strikes (an engine before the contract change)', () => {
    const { strikesEachSide: _omitted, ...legacy } = chain([]);
    expect(chainMatchesQuery(legacy as OptionChain, query)).toBe(false);
  });
});

describe('chainPlaceholder', () => {
  const previous = chain([row(2_400_000, 12_000, 10_000)], { strikesEachSide: 15 });
  it('keeps the previous chain when only the strikes window changed', () => {
    expect(chainPlaceholder(previous, { underlying: 'NIFTY', expiry: '2026-11-26' })).toBe(previous);
  });
  it('shows nothing (loading) for another expiry or underlying, or without a previous chain', () => {
    expect(chainPlaceholder(previous, { underlying: 'NIFTY', expiry: '2026-12-31' })).toBeUndefined();
    expect(chainPlaceholder(previous, { underlying: 'BANKNIFTY', expiry: '2026-11-26' })).toBeUndefined();
    expect(chainPlaceholder(undefined, { underlying: 'NIFTY', expiry: '2026-11-26' })).toBeUndefined();
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

  it('shows a Greek that rounds to zero as 0, never "-0.00" (a far-OTM put delta of -0.004)', () => {
    expect(formatGreek(-0.004, 2)).toBe('0.00');
    expect(formatGreek(-0.0004, 3)).toBe('0.000');
    expect(formatGreek(-0.005, 2)).toBe('-0.01');
    expect(formatGreek(-0.442, 3)).toBe('-0.442');
    expect(formatGreek(null, 2)).toBe('—');
  });

  it('counts whole minutes exactly at the boundaries (the engine sends whole ms / ms per year)', () => {
    const yearsOf = (milliseconds: number): number => milliseconds / (365 * 86_400_000);
    expect(formatTimeToExpiry(yearsOf(3 * 86_400_000))).toBe('3d 0h');
    expect(formatTimeToExpiry(yearsOf(60_000))).toBe('0h 1m');
    expect(formatTimeToExpiry(yearsOf(60_000 - 1))).toBe('0h 0m');
    for (let minutes = 1; minutes <= 10 * 1440; minutes += 1) {
      const text = formatTimeToExpiry(yearsOf(minutes * 60_000));
      const expected = minutes >= 1440 ? `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
      if (text !== expected) expect({ minutes, text }).toEqual({ minutes, text: expected });
    }
  });
});
