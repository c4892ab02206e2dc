import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asInstrumentId } from '../ids.ts';
import type { Paise } from '../money.ts';
import { expiryInstantMs } from '../options/time-to-expiry.ts';
import { expiryProfile } from './expiry-profile.ts';
import { preparePayoff } from './payoff-model.ts';
import type { ResolvedLeg } from './portfolio.ts';

const EXPIRY = '2026-12-22';
const SPOT = 2_400_000;

/** Random same-expiry portfolios: up to 6 legs of calls, puts and futures on 50-point strikes. */
const legArbitrary = fc
  .record({
    kind: fc.constantFrom('CE' as const, 'PE' as const, 'FUT' as const),
    side: fc.constantFrom('BUY' as const, 'SELL' as const),
    strikeSteps: fc.integer({ min: -20, max: 20 }),
    price: fc.integer({ min: 0, max: 60_000 }),
    lots: fc.integer({ min: 1, max: 4 }),
    iv: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
  })
  .map(
    ({ kind, side, strikeSteps, price, lots, iv }): ResolvedLeg => ({
      legId: 'L1',
      side,
      kind,
      instrumentId: asInstrumentId('NFO:NIFTY26D2224000CE'),
      strike: kind === 'FUT' ? null : ((SPOT + strikeSteps * 5_000) as Paise),
      expiry: EXPIRY,
      quantity: lots * 75,
      lotSize: 75,
      price: (kind === 'FUT' ? SPOT + price - 30_000 : price) as Paise,
      iv: kind === 'FUT' ? null : iv,
      delta: null,
    }),
  );
const portfolioArbitrary = fc.array(legArbitrary, { minLength: 1, maxLength: 6 });
const context = { spot: SPOT, now: expiryInstantMs(EXPIRY) - 3 * 86_400_000, rate: 0.06 };

describe('expiry payoff of same-expiry portfolios (property)', () => {
  it('is exact integer paise, linear between strikes, and its breakevens are its zeros', () => {
    fc.assert(
      fc.property(portfolioArbitrary, (legs) => {
        const model = preparePayoff(legs, context);
        const profile = expiryProfile(model, SPOT);
        const kinks = [0, ...model.strikes];
        for (let index = 0; index < kinks.length; index += 1) {
          const level = kinks[index] as number;
          expect(Number.isInteger(model.atExpiry(level))).toBe(true);
          const next = kinks[index + 1];
          // Strikes are multiples of 5000 paise, so midpoints are whole paise: linearity is exact.
          if (next !== undefined) expect(2 * model.atExpiry((level + next) / 2)).toBe(model.atExpiry(level) + model.atExpiry(next));
        }
        for (const breakeven of profile.breakevens) expect(Math.abs(model.atExpiry(breakeven))).toBeLessThan(1e-3);
        // Inside each profit range the P&L is positive; between ranges it is not.
        profile.profitRanges.forEach((range, index) => {
          const inside = range.to === null ? range.from + 1_000_000 : (range.from + range.to) / 2;
          expect(model.atExpiry(inside)).toBeGreaterThan(0);
          const following = profile.profitRanges[index + 1];
          if (range.to !== null && following) expect(model.atExpiry((range.to + following.from) / 2)).toBeLessThanOrEqual(0);
        });
        // Extremes bound the whole line; unlimited sides show far out.
        const far = 10 * Math.max(SPOT, ...model.strikes);
        for (const level of [0, SPOT / 2, ...model.strikes, SPOT * 3, far]) {
          const value = model.atExpiry(level);
          if (profile.maxProfit !== null) expect(value).toBeLessThanOrEqual(profile.maxProfit);
          if (profile.maxLoss !== null) expect(value).toBeGreaterThanOrEqual(profile.maxLoss);
        }
        if (profile.unlimitedProfit) expect(model.atExpiry(far * 10)).toBeGreaterThan(profile.maxProfit ?? Math.max(...kinks.map(model.atExpiry)));
        if (profile.unlimitedLoss) expect(model.atExpiry(far * 10)).toBeLessThan(Math.min(...kinks.map(model.atExpiry)));
      }),
      { numRuns: 300 },
    );
  });

  it('T+0 turns into the expiry payoff at the close, and long options are worth at least their intrinsic value before it', () => {
    fc.assert(
      fc.property(portfolioArbitrary, fc.integer({ min: 1_800_000, max: 3_000_000 }), (legs, level) => {
        const atClose = preparePayoff(legs, { ...context, now: expiryInstantMs(EXPIRY) });
        expect(atClose.today(level)).toBe(atClose.atExpiry(level));
        const longOptions = legs.filter((leg) => leg.kind !== 'FUT').map((leg) => ({ ...leg, side: 'BUY' as const }));
        const before = preparePayoff(longOptions, { ...context, rate: 0 });
        expect(before.today(level)).toBeGreaterThanOrEqual(before.atExpiry(level) - 1e-6);
      }),
      { numRuns: 200 },
    );
  });
});
