import { describe, expect, it } from 'vitest';
import { black76Price, paise, timeToExpiryYears, type Instrument, type Tick } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { loadEngineConfig } from '../config/engine-config.ts';
import { buildUnderlyingChain } from '../instruments/instrument-master.ts';
import { instrumentUnitGreeks } from './instrument-greeks.ts';
import { ChainIndex, type AnalyticsMarket } from './market-context.ts';

const spec = loadEngineConfig().underlyings.find((candidate) => candidate.underlying === 'NIFTY');
if (!spec) throw new Error('no NIFTY in the engine config');
const SPOT = 2_400_000; // ₹24,000
const RATE = 0.065;
const chain = buildUnderlyingChain(spec, paise(SPOT), '2026-12-09', new Set());
const series = chain.expiries[0];
if (!series) throw new Error('no expiry listed');
const index = new ChainIndex([chain]);
const atm = series.strikes.find((row) => row.strike === SPOT);
if (!atm) throw new Error('no ATM strike');

/** The index and every option of the first expiry quoted at Black-76 prices at 15% (ATM forward). */
function quotedMarket(now: number, missing: ReadonlySet<string> = new Set()): AnalyticsMarket {
  const ticks = new Map<string, Tick>([[chain.index.id, stubTick(chain.index.id, SPOT)]]);
  const timeYears = timeToExpiryYears(series!.expiry, now);
  const discount = Math.exp(-RATE * timeYears);
  for (const row of series!.strikes) {
    for (const [instrument, right] of [[row.call, 'CALL'], [row.put, 'PUT']] as const) {
      if (missing.has(instrument.id)) continue;
      const price = black76Price({ right, forward: SPOT / discount, strike: row.strike, timeYears, volatility: 0.15, discountFactor: discount });
      const rounded = Math.max(5, Math.round(price / 5) * 5);
      ticks.set(instrument.id, stubTick(instrument.id, rounded, { bid: paise(Math.max(5, rounded - 5)), ask: paise(rounded + 5) }));
    }
  }
  return { latest: (id) => ticks.get(id), previousOpenInterest: () => undefined, now: () => now, rate: RATE };
}

const DAY_BEFORE_EXPIRY = Date.parse(`${series.expiry}T10:00:00+05:30`) - 86_400_000;

describe('per-unit Greeks of an option', () => {
  it('are the model’s at the IV of its quote', () => {
    const unit = instrumentUnitGreeks(atm.call as Instrument, index, quotedMarket(DAY_BEFORE_EXPIRY));
    expect(unit?.iv).toBeCloseTo(0.15, 2);
    expect(unit?.greeks.delta).toBeGreaterThan(0.45);
    expect(unit?.greeks.delta).toBeLessThan(0.55);
    expect(unit?.greeks.vega).toBeGreaterThan(0);
  });

  it('are unknown, not an intrinsic payoff, while the option has no price', () => {
    // The ATM call without a quote (the engine just started, or nobody quotes it): its delta is not 0
    // or 1 by which side of the forward the strike happens to be, nor its vega and theta 0 — a
    // portfolio's delta hedge would trade on such a number. Null: unknown (the hedge waits).
    const market = quotedMarket(DAY_BEFORE_EXPIRY, new Set([atm.call.id]));
    expect(instrumentUnitGreeks(atm.call as Instrument, index, market)).toBeNull();
    // The put of the same strike is quoted: known.
    expect(instrumentUnitGreeks(atm.put as Instrument, index, market)?.iv).toBeCloseTo(0.15, 2);
  });

  it('are the intrinsic payoff’s at expiry, quote or not', () => {
    const afterClose = Date.parse(`${series.expiry}T15:31:00+05:30`);
    const deepPut = series.strikes.find((row) => row.strike === SPOT + 100_000);
    if (!deepPut) throw new Error('no strike ₹1,000 above ATM');
    const market = quotedMarket(afterClose, new Set([deepPut.put.id]));
    expect(instrumentUnitGreeks(deepPut.put as Instrument, index, market)?.greeks).toMatchObject({ delta: -1, vega: 0, theta: 0 });
    expect(instrumentUnitGreeks(deepPut.call as Instrument, index, market)?.greeks).toMatchObject({ delta: 0, vega: 0, theta: 0 });
  });
});
