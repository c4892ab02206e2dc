import { describe, expect, it } from 'vitest';
import {
  analyzePayoff,
  asInstrumentId,
  black76Greeks,
  expiryInstantMs,
  paise,
  resolveLegs,
  timeToExpiryYears,
  type ChainOption,
  type ChainRow,
  type OptionChain,
  type PortfolioDefinition,
} from '@strikedesk/domain';
import { payoffContextOf } from './payoff-context.ts';

/*
 * The chain prices every option at the engine's clock (`timeToExpiryYears`), while its `timestamp`
 * is the last index tick. Outside the session (an evening, a weekend: when traders plan) the last
 * index tick is Friday's close, hours or days before the instant the chain was priced at. The
 * payoff's T+0 must value the legs at the chain's own time, or the premiums it was handed (priced
 * with less time left) show up as a P&L at today's spot.
 */
const EXPIRY = '2026-12-22';
const RATE = 0.065;
const IV = 0.13;
const SPOT = 2_400_000;
const FRIDAY_CLOSE = Date.parse('2026-12-18T10:00:00Z'); // 15:30 IST, the last index tick
const SUNDAY_EVENING = Date.parse('2026-12-20T14:30:00Z'); // 20:00 IST, when the chain is priced

function pricedChain(pricedAt: number, lastSpotTick: number): OptionChain {
  const time = timeToExpiryYears(EXPIRY, pricedAt);
  const discount = Math.exp(-RATE * time);
  const forward = SPOT / discount;
  const rows: ChainRow[] = [];
  for (let steps = -10; steps <= 10; steps += 1) {
    const strike = paise(SPOT + steps * 5_000);
    const option = (right: 'CALL' | 'PUT'): ChainOption => {
      const greeks = black76Greeks({ right, forward, strike, timeYears: time, volatility: IV, discountFactor: discount });
      return {
        instrumentId: asInstrumentId(`NFO:NIFTY26D22${strike / 100}${right === 'CALL' ? 'CE' : 'PE'}`),
        bid: null,
        ask: null,
        lastPrice: paise(Math.round(greeks.price)),
        change: 0,
        volume: 0,
        openInterest: 0,
        openInterestChange: 0,
        iv: IV,
        delta: greeks.delta,
        gamma: null,
        theta: null,
        vega: null,
      };
    };
    rows.push({ strike, call: option('CALL'), put: option('PUT') });
  }
  return {
    underlying: 'NIFTY',
    expiry: EXPIRY,
    expiryType: 'WEEKLY',
    timestamp: lastSpotTick,
    spot: paise(SPOT),
    future: null,
    forward: forward / 100,
    timeToExpiryYears: time,
    discountFactor: discount,
    strikesEachSide: 10,
    lotSize: 75,
    atmStrike: paise(SPOT),
    atmIv: IV,
    pcr: null,
    maxPain: null,
    rows,
  };
}

const straddle = (side: 'BUY' | 'SELL'): Pick<PortfolioDefinition, 'settings' | 'legs'> =>
  ({
    settings: { underlying: 'NIFTY', expiry: 'CURRENT_WEEK', lotMultiplier: 1 },
    legs: (['CE', 'PE'] as const).map((kind, index) => ({ id: `L${index + 1}`, side, kind, strike: { mode: 'ATM_OFFSET', steps: 0 }, expiry: null, lots: 1 })),
  }) as unknown as Pick<PortfolioDefinition, 'settings' | 'legs'>;

describe('payoffContextOf: the instant T+0 is valued at', () => {
  it('is the instant the chain priced at, not the last index tick (weekend planning)', () => {
    const chain = pricedChain(SUNDAY_EVENING, FRIDAY_CLOSE);
    const context = payoffContextOf([chain]);
    if (!context) throw new Error('no context');
    // To the millisecond (one ulp of the years is ~10 µs).
    expect(Math.abs(context.now - SUNDAY_EVENING)).toBeLessThan(1);

    const market = { expiries: [{ expiry: EXPIRY, expiryType: 'WEEKLY' as const }], chainFor: () => chain };
    const legs = resolveLegs(straddle('BUY'), market);
    const analysis = analyzePayoff(legs, context);
    // Bought at the chain's own model prices: T+0 at today's spot is flat but for the paise the
    // premiums were rounded to (at most ½ paisa a unit, 2 legs × 75 units).
    expect(Math.abs(analysis.todayAtSpot)).toBeLessThanOrEqual(75);
  });

  it('keeps T+0 at intrinsic value once the nearest series has expired', () => {
    const afterExpiry = expiryInstantMs(EXPIRY) + 3_600_000;
    const context = payoffContextOf([pricedChain(afterExpiry, afterExpiry - 60_000)]);
    expect(context?.now).toBeGreaterThanOrEqual(expiryInstantMs(EXPIRY));
  });
});
