import { asInstrumentId } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';
import { createTickRecorder } from './tick-recorder.ts';
import { hasTimescale, lastRecordedPrices, readBars } from './timeseries.ts';

const instrumentId = asInstrumentId('NFO:NIFTY26DECFUT');
const minute = Date.UTC(2026, 10, 23, 4, 0, 0);

const tick = (offsetSeconds: number, lastPrice: number, volume: number) =>
  stubTick(instrumentId, lastPrice, { timestamp: minute + offsetSeconds * 1000, volume });

describe('time series on plain PostgreSQL (TimescaleDB absent)', () => {
  let database: TestDatabase;
  let pool: Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('detects that the extension is missing and took the fallback path in the migration', async () => {
    const available = await pool.query("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'");
    expect(await hasTimescale(pool)).toBe((available.rowCount ?? 0) > 0);
    if ((available.rowCount ?? 0) === 0) {
      const index = await pool.query("SELECT 1 FROM pg_indexes WHERE indexname = 'market_ticks_ts_brin'");
      expect(index.rowCount).toBe(1);
    }
  });

  it('records ticks in batches and builds OHLCV bars with date_bin', async () => {
    const recorder = createTickRecorder(pool);
    recorder.record([tick(0, 100, 10), tick(20, 130, 15), tick(40, 90, 30), tick(59, 110, 31)]);
    recorder.record([tick(60, 111, 40), tick(119, 105, 52), tick(120, 200, 60)]);
    recorder.record([tick(120, 999, 61)]); // same instant: the later tick replaces it, not an error
    await recorder.close();
    const bars = await readBars(pool, {
      instrumentId,
      bucketSeconds: 60,
      from: new Date(minute),
      to: new Date(minute + 180_000),
      timescale: await hasTimescale(pool),
    });
    expect(bars).toEqual([
      // Volume is the rise of the cumulative volume since the previous tick (the first counts whole).
      { time: minute, open: 100, high: 130, low: 90, close: 110, volume: 31 },
      { time: minute + 60_000, open: 111, high: 111, low: 105, close: 105, volume: 21 },
      { time: minute + 120_000, open: 999, high: 999, low: 999, close: 999, volume: 9 },
    ]);
  });

  it('bounds its queue when the database falls behind', async () => {
    const recorder = createTickRecorder(pool, { maxQueued: 3, flushIntervalMs: 60_000 });
    recorder.record([tick(300, 1, 1), tick(301, 2, 2), tick(302, 3, 3), tick(303, 4, 4), tick(304, 5, 5)]);
    expect(recorder.dropped).toBe(2);
    await recorder.close();
    const rows = await pool.query('SELECT last_price FROM market_ticks WHERE ts >= $1 ORDER BY ts', [new Date(minute + 300_000)]);
    expect(rows.rows.map((row) => row.last_price)).toEqual([3, 4, 5]);
  });

  it('reads the last recorded price of each instrument (none for one never recorded)', async () => {
    const latest = await lastRecordedPrices(pool, [instrumentId, 'NSE:NIFTY 50']);
    expect(latest).toEqual(new Map([[instrumentId, 5]])); // the newest tick of the tests above, at +304 s
    expect(await lastRecordedPrices(pool, [])).toEqual(new Map());
  });
});
