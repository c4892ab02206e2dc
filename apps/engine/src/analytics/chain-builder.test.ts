import { describe, expect, it } from 'vitest';
import { black76Price, paise, timeToExpiryYears, type Tick } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { loadEngineConfig } from '../config/engine-config.ts';
import { buildUnderlyingChain } from '../instruments/instrument-master.ts';
import { SeriesChain } from './chain-builder.ts';
import type { AnalyticsMarket } from './market-context.ts';

const spec = loadEngineConfig().underlyings.find((candidate) => candidate.underlying === 'BANKNIFTY');
if (!spec) throw new Error('no BANKNIFTY in the engine config');
const LISTED_AROUND = 5_200_000; // the day's listing is centred on ₹52,000 (±20 strikes of ₹100)
const RATE = 0.065;
const chain = buildUnderlyingChain(spec, paise(LISTED_AROUND), '2026-12-09', new Set());
const series = chain.expiries[0];
if (!series) throw new Error('no expiry listed');
const NOW = Date.parse(`${series.expiry}T10:00:00+05:30`) - 5 * 86_400_000;

/** The index at `spot` and every option of the series quoted around its Black-76 price at 15% vol. */
function marketAt(spot: number): AnalyticsMarket {
  const ticks = new Map<string, Tick>([[chain.index.id, stubTick(chain.index.id, spot)]]);
  const timeYears = timeToExpiryYears(series!.expiry, NOW);
  const discount = Math.exp(-RATE * timeYears);
  for (const row of series!.strikes) {
    for (const [instrument, right] of [[row.call, 'CALL'], [row.put, 'PUT']] as const) {
      const price = black76Price({ right, forward: spot / discount, strike: row.strike, timeYears, volatility: 0.15, discountFactor: discount });
      const rounded = Math.max(5, Math.round(price / 5) * 5);
      ticks.set(instrument.id, stubTick(instrument.id, rounded, { bid: paise(Math.max(5, rounded - 5)), ask: paise(rounded + 5) }));
    }
  }
  return { latest: (id) => ticks.get(id), previousOpenInterest: () => undefined, now: () => NOW, rate: RATE };
}

describe('ATM IV of a series', () => {
  it('is the IV at the strike nearest the forward while the listing reaches it', () => {
    const series0 = new SeriesChain(chain, series);
    const snapshot = series0.recompute(marketAt(LISTED_AROUND));
    expect(snapshot?.atmIv).toBeCloseTo(0.15, 2);
  });

  it('is unknown once the market has run past the listed strikes, not the edge strike’s IV', () => {
    // A 6% fall (budget day): the forward is ₹1,100 below the lowest listed strike. The nearest
    // strike is that edge strike, a far OTM put and deep ITM call — its IV is not at-the-money IV.
    const seriesChain = new SeriesChain(chain, series);
    const market = marketAt(4_880_000);
    const snapshot = seriesChain.recompute(market);
    if (!snapshot) throw new Error('no snapshot');
    expect(snapshot.estimate.forward).toBeLessThan((series.strikes[0]?.strike ?? 0) - 5_000);
    expect(snapshot.atmIv).toBeNull();
    const published = seriesChain.window(snapshot, 5, market);
    expect(published.atmIv).toBeNull();
    expect(published.atmStrike).toBe(series.strikes[0]?.strike); // still the nearest listed strike
  });
});
