import { describe, expect, it } from 'vitest';
import { isOnTick, type Tick } from '@strikedesk/domain';
import { loadEngineConfig } from '../config/engine-config.ts';
import { createSimulatedMarket } from './create-market.ts';
import { smileVolatility } from './market-simulator.ts';
import { isNseSessionOpen } from './market-hours.ts';

const config = loadEngineConfig();
// Wednesday 2026-12-09 10:00 IST.
const START = Date.UTC(2026, 11, 9, 4, 30);
const STEP_MS = 250;

function run(seed: number, steps: number): Tick[][] {
  const { simulator } = createSimulatedMarket({ config, seed, startTime: START });
  return Array.from({ length: steps }, (_, index) => simulator.step(START + (index + 1) * STEP_MS).ticks);
}

describe('MarketSimulator determinism', () => {
  it('produces an identical sequence for the same seed', () => {
    expect(run(7, 40)).toEqual(run(7, 40));
  });
  it('differs for a different seed', () => {
    expect(JSON.stringify(run(7, 10))).not.toEqual(JSON.stringify(run(8, 10)));
  });
  it('a clock that does not advance produces no ticks', () => {
    const { simulator } = createSimulatedMarket({ config, seed: 1, startTime: START });
    expect(simulator.step(START).ticks).toEqual([]);
  });
});

describe('MarketSimulator prices', () => {
  const { catalog, simulator } = createSimulatedMarket({ config, seed: 42, startTime: START });
  const steps = Array.from({ length: 50 }, (_, index) => simulator.step(START + (index + 1) * STEP_MS));

  it('quotes every instrument on the tick grid with positive prices and a non-crossed book', () => {
    for (const instrument of catalog.all) {
      const tick = simulator.latest(instrument.id);
      expect(tick, instrument.id).toBeDefined();
      if (!tick) continue;
      for (const price of [tick.lastPrice, tick.open, tick.high, tick.low, tick.previousClose]) {
        expect(isOnTick(price, instrument.tickSize), `${instrument.id} ${price}`).toBe(true);
      }
      if (instrument.kind === 'INDEX') {
        expect(tick.bid).toBeNull();
        continue;
      }
      expect(tick.bid).not.toBeNull();
      expect(tick.ask ?? 0).toBeGreaterThan(tick.bid ?? 0);
      expect(tick.bids.length).toBeGreaterThan(0);
      expect(tick.asks).toHaveLength(5);
      for (const level of [...tick.bids, ...tick.asks]) {
        expect(isOnTick(level.price, instrument.tickSize)).toBe(true);
        expect(level.quantity % instrument.lotSize).toBe(0);
      }
      expect(tick.high).toBeGreaterThanOrEqual(tick.low);
    }
  });

  it('moves the underlying and increases volume', () => {
    const index = catalog.chains[0]?.index;
    const future = catalog.chains[0]?.future;
    if (!index || !future) throw new Error('no NIFTY chain');
    const indexPrices = new Set(steps.flatMap((step) => step.ticks.filter((t) => t.instrumentId === index.id).map((t) => t.lastPrice)));
    expect(indexPrices.size).toBeGreaterThan(5);
    const volumes = steps.flatMap((step) => step.ticks.filter((t) => t.instrumentId === future.id).map((t) => t.volume));
    expect(volumes.length).toBeGreaterThan(5);
    for (let i = 1; i < volumes.length; i += 1) expect(volumes[i]).toBeGreaterThanOrEqual(volumes[i - 1] ?? 0);
    expect(volumes.at(-1)).toBeGreaterThan(0);
  });

  it('prices the future at spot × e^(r·t)', () => {
    const chain = catalog.chains[0];
    if (!chain) throw new Error('no chain');
    const spot = simulator.spot('NIFTY') ?? 0;
    const years = (Date.parse(`${chain.future.expiry}T10:00:00Z`) - (START + 50 * STEP_MS)) / (365 * 86_400_000);
    const fair = spot * Math.exp(config.simulation.riskFreeRate * years);
    const tick = simulator.latest(chain.future.id);
    const mid = ((tick?.bid ?? 0) + (tick?.ask ?? 0)) / 2;
    expect(Math.abs(mid - fair)).toBeLessThanOrEqual(2 * chain.spec.tickSize + 1);
    expect(fair).toBeGreaterThan(spot); // positive carry
  });

  it('satisfies put-call parity within the quoted spreads', () => {
    const chain = catalog.chains[0];
    if (!chain) throw new Error('no chain');
    const spot = simulator.spot('NIFTY') ?? 0;
    const now = START + 50 * STEP_MS;
    for (const series of chain.expiries) {
      const years = (Date.parse(`${series.expiry}T10:00:00Z`) - now) / (365 * 86_400_000);
      const rate = config.simulation.riskFreeRate;
      const forward = spot * Math.exp(rate * years);
      for (const row of series.strikes) {
        const call = simulator.latest(row.call.id);
        const put = simulator.latest(row.put.id);
        if (!call?.bid || !call.ask || !put?.bid || !put.ask) throw new Error('missing quote');
        const parity = Math.exp(-rate * years) * (forward - row.strike);
        // Mids are within half a spread of fair value each, plus half a tick of rounding.
        const tolerance = (call.ask - call.bid + put.ask - put.bid) / 2 + chain.spec.tickSize;
        expect(Math.abs((call.bid + call.ask) / 2 - (put.bid + put.ask) / 2 - parity), `${row.call.id}`).toBeLessThanOrEqual(
          tolerance + chain.spec.tickSize,
        );
      }
    }
  });

  it('has a smile: both far wings above the ATM volatility, downside skew', () => {
    const params = config.simulation.underlyings.NIFTY;
    if (!params) throw new Error('no NIFTY params');
    const atm = smileVolatility(params, 26_000, 26_000);
    expect(atm).toBeCloseTo(params.annualVolatility, 12);
    expect(smileVolatility(params, 26_000, 24_000)).toBeGreaterThan(atm);
    expect(smileVolatility(params, 26_000, 26_000 * Math.exp(0.25))).toBeGreaterThan(atm);
    // Negative skew: the put wing is richer than the call wing at the same distance in log-moneyness.
    expect(smileVolatility(params, 26_000, 26_000 * Math.exp(-0.05))).toBeGreaterThan(smileVolatility(params, 26_000, 26_000 * Math.exp(0.05)));
  });
});

describe('isNseSessionOpen', () => {
  it('is open 09:15–15:30 IST on weekdays only', () => {
    expect(isNseSessionOpen(Date.UTC(2026, 11, 9, 3, 44))).toBe(false); // 09:14 IST
    expect(isNseSessionOpen(Date.UTC(2026, 11, 9, 3, 45))).toBe(true); // 09:15 IST
    expect(isNseSessionOpen(Date.UTC(2026, 11, 9, 9, 59))).toBe(true); // 15:29 IST
    expect(isNseSessionOpen(Date.UTC(2026, 11, 9, 10, 0))).toBe(false); // 15:30 IST
    expect(isNseSessionOpen(Date.UTC(2026, 11, 12, 5, 0))).toBe(false); // Saturday
    expect(isNseSessionOpen(Date.UTC(2026, 11, 9, 5, 0), new Set(['2026-12-09']))).toBe(false);
  });
});
