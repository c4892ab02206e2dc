/**
 * npm run bench:bars — how long a chart's history takes to read (docs/benchmarks.md, "Chart
 * history"). Candles are built from the recorded ticks at read time (packages/db/src/timeseries.ts),
 * so a read scans every tick of its window: the worst case is the always-open simulator, which
 * records one tick per instrument and second around the clock.
 *
 * Seeds a scratch database (DATABASE_URL's server, default postgres://postgres@127.0.0.1:5432/test;
 * created and dropped) with --days (default 10, the longest lookback) of one tick a second for one
 * instrument, then reads each interval's window (BAR_LOOKBACK_MS) through the engine's BarHistory
 * --reads times (default 7) after one warm-up read, and prints the median and the slowest.
 *
 * Ends with exactly one JSON line: {"barsReadMillis":{"1m":N,…},"ticksInWindow":{"1m":N,…}}
 */
import { parseArgs } from 'node:util';
import { asInstrumentId, BAR_INTERVALS, BAR_LOOKBACK_MS, paise, type BarInterval } from '../../packages/domain/src/index.ts';
import { createPool } from '../../packages/db/src/pool.ts';
import { createTestDatabase } from '../../packages/db/src/testing.ts';
import { loadEngineConfig } from '../../apps/engine/src/config/engine-config.ts';
import { InstrumentCatalog } from '../../apps/engine/src/instruments/instrument-catalog.ts';
import { buildInstrumentMaster } from '../../apps/engine/src/instruments/instrument-master.ts';
import { BarHistory } from '../../apps/engine/src/market/bar-history.ts';

const { values } = parseArgs({ options: { days: { type: 'string', default: '10' }, reads: { type: 'string', default: '7' } } });
const days = Number(values.days);
const reads = Number(values.reads);

const now = Date.now();
const asOf = new Date(now + 5.5 * 3_600_000).toISOString().slice(0, 10);
const catalog = new InstrumentCatalog(
  buildInstrumentMaster({ specs: loadEngineConfig().underlyings, spots: new Map([['NIFTY', paise(2_600_000)], ['BANKNIFTY', paise(5_900_000)]]), asOf, holidays: new Set() }),
);
const future = catalog.all.find((instrument) => instrument.kind === 'FUTURE');
if (!future) throw new Error('no future listed');

const database = await createTestDatabase();
const pool = createPool(database.url);
try {
  const seeded = performance.now();
  // A random walk's worth of prices and a rising cumulative volume that restarts each day.
  await pool.query(
    `INSERT INTO market_ticks (instrument_id, ts, last_price, volume, open_interest)
     SELECT $1, to_timestamp($2::double precision / 1000) - make_interval(secs => g), 2600000 + ((g::bigint * 7919) % 20000) - 10000, (86400 - g % 86400) * 3, 0
       FROM generate_series(1, $3::int) g`,
    [future.id, now, days * 86_400],
  );
  await pool.query('ANALYZE market_ticks');
  console.log(`seeded ${(days * 86_400).toLocaleString('en-IN')} ticks of ${future.id} in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

  const history = new BarHistory({ pool, catalog, now: () => now });
  const medians: Partial<Record<BarInterval, number>> = {};
  const ticksInWindow: Partial<Record<BarInterval, number>> = {};
  for (const interval of BAR_INTERVALS) {
    await history.bars({ instrumentId: asInstrumentId(future.id), interval });
    const times: number[] = [];
    let bars = 0;
    for (let read = 0; read < reads; read += 1) {
      const started = performance.now();
      bars = (await history.bars({ instrumentId: asInstrumentId(future.id), interval })).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)] ?? 0;
    medians[interval] = Math.round(median);
    ticksInWindow[interval] = Math.min(days * 86_400, BAR_LOOKBACK_MS[interval] / 1000);
    console.log(
      `${interval.padStart(3)}: ${bars.toLocaleString('en-IN').padStart(6)} bars over ${ticksInWindow[interval]?.toLocaleString('en-IN')} ticks — median ${median.toFixed(0)} ms, slowest ${times.at(-1)?.toFixed(0)} ms`,
    );
  }
  console.log(JSON.stringify({ barsReadMillis: medians, ticksInWindow }));
} finally {
  await pool.end();
  await database.drop();
}
