import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { atmStrikeIndex, forwardWithinListing, maxPainStrike, putCallRatio, strikeWindow, writersPayout, type OpenInterestRow } from './option-chain-stats.ts';

// Three strikes 100/110/120 (paise, small on purpose so every payout is checkable by hand).
const rows: OpenInterestRow[] = [
  { strike: 100, callOpenInterest: 10, putOpenInterest: 50 },
  { strike: 110, callOpenInterest: 30, putOpenInterest: 30 },
  { strike: 120, callOpenInterest: 60, putOpenInterest: 5 },
];

describe('putCallRatio', () => {
  it('is total put OI over total call OI', () => {
    expect(putCallRatio(rows)).toBeCloseTo(85 / 100, 15);
    expect(putCallRatio([{ strike: 1, callOpenInterest: 4, putOpenInterest: 6 }])).toBe(1.5);
  });
  it('is null without call open interest', () => {
    expect(putCallRatio([])).toBeNull();
    expect(putCallRatio([{ strike: 1, callOpenInterest: 0, putOpenInterest: 9 }])).toBeNull();
  });
});

describe('maxPainStrike', () => {
  it('picks the strike with the smallest writers payout (hand-computed)', () => {
    // settle 100: calls pay 0; puts pay 30·10 + 5·20 = 400.
    expect(writersPayout(rows, 100)).toBe(400);
    // settle 110: calls 10·10 = 100; puts 5·10 = 50 → 150.
    expect(writersPayout(rows, 110)).toBe(150);
    // settle 120: calls 10·20 + 30·10 = 500; puts 0 → 500.
    expect(writersPayout(rows, 120)).toBe(500);
    expect(maxPainStrike(rows)).toBe(110);
  });
  it('moves to where call writers are lightest', () => {
    const callHeavyLow: OpenInterestRow[] = [
      { strike: 100, callOpenInterest: 1, putOpenInterest: 0 },
      { strike: 110, callOpenInterest: 0, putOpenInterest: 0 },
      { strike: 120, callOpenInterest: 0, putOpenInterest: 100 },
    ];
    // 100: puts 100·20 = 2000; 110: calls 1·10 + puts 100·10 = 1010; 120: calls 1·20 = 20.
    expect(maxPainStrike(callHeavyLow)).toBe(120);
  });
  it('breaks ties to the lower strike and is null without open interest', () => {
    const symmetric: OpenInterestRow[] = [
      { strike: 100, callOpenInterest: 0, putOpenInterest: 0 },
      { strike: 110, callOpenInterest: 0, putOpenInterest: 0 },
      { strike: 120, callOpenInterest: 0, putOpenInterest: 0 },
    ];
    expect(maxPainStrike(symmetric)).toBeNull();
    expect(maxPainStrike([])).toBeNull();
    // 100 and 110 both pay 10 (100: put at 110 pays 1·10; 110: call at 100 pays 1·10).
    const tie: OpenInterestRow[] = [
      { strike: 100, callOpenInterest: 1, putOpenInterest: 0 },
      { strike: 110, callOpenInterest: 0, putOpenInterest: 1 },
    ];
    expect(maxPainStrike(tie)).toBe(100);
  });
});

/** The definition, O(n²): the candidate strike with the smallest payout, ties to the lower strike. */
function bruteForceMaxPain(rows: readonly OpenInterestRow[]): number | null {
  if (!rows.some((row) => row.callOpenInterest > 0 || row.putOpenInterest > 0)) return null;
  let best: number | null = null;
  let bestPayout = Number.POSITIVE_INFINITY;
  for (const candidate of rows) {
    const payout = writersPayout(rows, candidate.strike);
    if (payout < bestPayout || (payout === bestPayout && best !== null && candidate.strike < best)) {
      best = candidate.strike;
      bestPayout = payout;
    }
  }
  return best;
}

describe('maxPainStrike, O(n) with prefix sums', () => {
  // Integers small enough that every sum is exact in a double, so ties compare exactly too.
  const row = fc.record({
    strike: fc.integer({ min: 1, max: 2_000_000 }),
    callOpenInterest: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
    putOpenInterest: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 50_000 })),
  });
  it('matches the brute-force O(n²) definition on random chains (sorted, unsorted, repeated strikes)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), fc.boolean(), (rows, sortFirst) => {
        const input = sortFirst ? [...rows].sort((a, b) => a.strike - b.strike) : rows;
        expect(maxPainStrike(input)).toBe(bruteForceMaxPain(input));
      }),
      { numRuns: 2_000 },
    );
  });
  it('matches it on chain-like listings (evenly spaced strikes, ties in payout)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 })), { minLength: 1, maxLength: 120 }), (interest) => {
        const rows = interest.map(([calls, puts], index) => ({ strike: 2_000_000 + index * 5_000, callOpenInterest: calls, putOpenInterest: puts }));
        expect(maxPainStrike(rows)).toBe(bruteForceMaxPain(rows));
      }),
      { numRuns: 2_000 },
    );
  });
  it('handles a 5,000-strike listing in linear time', () => {
    const rows = Array.from({ length: 5_000 }, (_, index) => ({ strike: index * 100, callOpenInterest: (index * 7919) % 1_000, putOpenInterest: (index * 104_729) % 1_000 }));
    expect(maxPainStrike(rows)).toBe(bruteForceMaxPain(rows));
  });
});

describe('ATM selection', () => {
  const strikes = [2_590_000, 2_595_000, 2_600_000, 2_605_000, 2_610_000];
  it('is the strike nearest the forward, ties to the lower', () => {
    expect(atmStrikeIndex(strikes, 2_601_234.5)).toBe(2);
    expect(atmStrikeIndex(strikes, 2_603_000)).toBe(3);
    expect(atmStrikeIndex(strikes, 2_602_500)).toBe(2);
    expect(atmStrikeIndex(strikes, 1)).toBe(0);
    expect(atmStrikeIndex(strikes, 9e9)).toBe(4);
    expect(atmStrikeIndex([], 100)).toBe(-1);
  });
  it('knows when the forward has run past the listed strikes (no strike is at the money)', () => {
    expect(forwardWithinListing(strikes, 2_600_000)).toBe(true);
    expect(forwardWithinListing(strikes, 2_587_500)).toBe(true); // half a step below the lowest
    expect(forwardWithinListing(strikes, 2_612_500)).toBe(true);
    expect(forwardWithinListing(strikes, 2_587_499)).toBe(false);
    expect(forwardWithinListing(strikes, 2_612_501)).toBe(false);
    expect(forwardWithinListing(strikes, 2_100_000)).toBe(false);
    expect(forwardWithinListing([], 100)).toBe(false);
    expect(forwardWithinListing(strikes, Number.NaN)).toBe(false);
  });
  it('windows strikes each side, clipped at the listing edges', () => {
    expect(strikeWindow(5, 2, 1)).toEqual({ start: 1, end: 4 });
    expect(strikeWindow(5, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(strikeWindow(5, 4, 10)).toEqual({ start: 0, end: 5 });
    expect(strikeWindow(0, -1, 3)).toEqual({ start: 0, end: 0 });
  });
});
