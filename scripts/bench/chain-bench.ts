/**
 * npm run bench:chain — the engine's live analytics hot paths (issue 5), on the simulated market.
 *
 * Measures, on one core, with process.hrtime.bigint, after a warm-up:
 * - chainTickMicros: what one underlying tick costs for the live NIFTY nearest-expiry series: the
 *   whole series recomputed once (forward, IV + Greeks of every listed strike into buffers reused
 *   across ticks, PCR and max pain over every strike) and the windows of three subscribers sliced
 *   out (5, 15 and 30 strikes each side) — exactly ChainService's per-tick work. The simulator's
 *   own step is not timed.
 * - greeksCycleMillis: one greeks.stream publish cycle for 1,000 accounts × 10 open positions
 *   (NIFTY options of three expiries around the money, and the future), with the per-cycle pricing
 *   pass (forward per series, IV per instrument, once each);
 * - greeksUncachedMillis: the same 10,000 positions priced one by one without that cache (the old
 *   per-position path, for comparison).
 * Each figure is the median of the timed runs (the minimum is printed too: the machine may be shared).
 *
 * Ends with exactly one JSON line:
 * {"chainTickMicros":N,"seriesStrikes":N,"greeksCycleMillis":N,"greeksUncachedMillis":N,"positions":N}
 */
import { asAccountId, emptyPosition, type AccountId, type Instrument, type PositionState } from '../../packages/domain/src/index.ts';
import { SeriesChain } from '../../apps/engine/src/analytics/chain-builder.ts';
import { GreeksService } from '../../apps/engine/src/analytics/greeks-service.ts';
import { ChainIndex, type AnalyticsMarket } from '../../apps/engine/src/analytics/market-context.ts';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.ts';
import { createSimulatedMarket } from '../../apps/engine/src/market/create-market.ts';
import { MarketData } from '../../apps/engine/src/market/market-data.ts';

const START = Date.UTC(2026, 11, 9, 5, 30); // Wednesday 11:00 IST, weeklies listed
const ACCOUNTS = 1_000;
const POSITIONS_PER_ACCOUNT = 10;

const config = loadEngineConfig();
const { catalog, simulator } = createSimulatedMarket({ config, seed: 42, startTime: START });
const market = new MarketData(simulator);
let now = START;
const analytics: AnalyticsMarket = {
  latest: (id) => market.latest(id),
  previousOpenInterest: (id) => market.previousOpenInterest(id),
  now: () => now,
  rate: config.simulation.riskFreeRate,
};
const step = (): void => {
  now += 250;
  market.publish(simulator.step(now));
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};
const round = (value: number, digits: number): number => Number(value.toFixed(digits));

// --- live chain: one recompute of the whole series + three windows, per tick ---
const nifty = catalog.chains.find((chain) => chain.spec.underlying === 'NIFTY');
const series = nifty?.expiries[0];
if (!nifty || !series) throw new Error('no NIFTY series');
const index = new ChainIndex(catalog.chains);
const live = new SeriesChain(nifty, series, index.strikes(series));
let sink = 0;
const chainTick = (): number => {
  step();
  const started = process.hrtime.bigint();
  const snapshot = live.recompute(analytics);
  if (!snapshot) throw new Error('no index price');
  for (const strikesEachSide of [5, 15, 30]) sink += live.window(snapshot, strikesEachSide, analytics).rows.length;
  return Number(process.hrtime.bigint() - started) / 1_000;
};
for (let i = 0; i < 200; i += 1) chainTick();
const tickTimes = Array.from({ length: 1_000 }, chainTick);

// --- Greeks cycle: 1,000 accounts × 10 positions ---
const tradable: Instrument[] = [nifty.future];
for (const expiry of nifty.expiries.slice(0, 3)) {
  const atm = Math.floor(expiry.strikes.length / 2);
  for (const row of expiry.strikes.slice(Math.max(0, atm - 15), atm + 16)) tradable.push(row.call, row.put);
}
const positions = new Map<AccountId, PositionState[]>();
for (let a = 0; a < ACCOUNTS; a += 1) {
  const accountId = asAccountId(`00000000-0000-4000-8000-${String(a).padStart(12, '0')}`);
  const held: PositionState[] = [];
  for (let p = 0; p < POSITIONS_PER_ACCOUNT; p += 1) {
    const instrument = tradable[(a * 7 + p * 13) % tradable.length] as Instrument;
    const position = emptyPosition(accountId, instrument.id, 'NRML');
    position.netQuantity = (p % 2 === 0 ? 1 : -1) * instrument.lotSize * (1 + (a % 3));
    held.push(position);
  }
  positions.set(accountId, held);
}
const greeks = new GreeksService({
  chains: catalog.chains,
  instrument: (id) => catalog.get(id),
  positions: { positionsOf: (accountId) => positions.get(accountId) ?? [], bookPositionsOf: () => [], accountsWithOpenPositions: () => [...positions.keys()] },
  market: analytics,
});
const cycle = (): number => {
  step();
  const started = process.hrtime.bigint();
  greeks.publishAll();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const uncached = (): number => {
  step();
  const started = process.hrtime.bigint();
  for (const held of positions.values()) {
    for (const position of held) {
      const instrument = catalog.get(position.instrumentId);
      if (instrument) sink += greeks.unitGreeks(instrument)?.greeks.delta ?? 0;
    }
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
};
for (let i = 0; i < 5; i += 1) cycle();
const cycleTimes = Array.from({ length: 30 }, cycle);
for (let i = 0; i < 2; i += 1) uncached();
const uncachedTimes = Array.from({ length: 10 }, uncached);

const positionCount = ACCOUNTS * POSITIONS_PER_ACCOUNT;
console.log(`live NIFTY ${series.expiry} series, ${series.strikes.length} strikes (${2 * series.strikes.length} options), windows 5/15/30:`);
console.log(`  per-tick recompute  median ${round(median(tickTimes), 1)} µs   min ${round(Math.min(...tickTimes), 1)} µs`);
console.log(`Greeks cycle, ${ACCOUNTS} accounts × ${POSITIONS_PER_ACCOUNT} positions (${tradable.length} distinct instruments):`);
console.log(`  cached pass         median ${round(median(cycleTimes), 2)} ms   min ${round(Math.min(...cycleTimes), 2)} ms   (${round((median(cycleTimes) * 1_000) / positionCount, 2)} µs/position)`);
console.log(`  uncached per position median ${round(median(uncachedTimes), 2)} ms   min ${round(Math.min(...uncachedTimes), 2)} ms   (${round((median(uncachedTimes) * 1_000) / positionCount, 2)} µs/position)`);
if (sink === Number.NEGATIVE_INFINITY) console.log('unreachable');
console.log(
  JSON.stringify({
    chainTickMicros: round(median(tickTimes), 1),
    seriesStrikes: series.strikes.length,
    greeksCycleMillis: round(median(cycleTimes), 2),
    greeksUncachedMillis: round(median(uncachedTimes), 2),
    positions: positionCount,
  }),
);
