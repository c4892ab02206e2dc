import { asInstrumentId } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from './pool.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';
import { createTickRecorder } from './tick-recorder.ts';
import { hasTimescale, lastRecordedPrices, readBars } from './timeseries.ts';

/** Epoch ms of an IST wall-clock time (IST is UTC+05:30, no daylight saving). */
const ist = (date: string, time: string): number => Date.parse(`${date}T${time}+05:30`);

describe('bars a trader reads (plain PostgreSQL and TimescaleDB alike)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let timescale: boolean;
  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url);
    timescale = await hasTimescale(pool);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  async function record(instrument: string, rows: readonly [at: number, lastPrice: number, volume: number][]): Promise<void> {
    const recorder = createTickRecorder(pool, { flushIntervalMs: 60_000 });
    recorder.record(rows.map(([at, lastPrice, volume]) => stubTick(asInstrumentId(instrument), lastPrice, { timestamp: at, volume })));
    await recorder.close();
  }

  it("a bar's volume is what traded in it: the rise of the day's cumulative volume since the previous tick, even across bars", async () => {
    const id = 'NFO:NIFTY26DECFUT';
    const open = ist('2026-11-23', '09:15:00');
    await record(id, [
      [open, 100, 10], // the day's first tick: 10 traded since the open
      [open + 20_000, 130, 15],
      [open + 59_000, 110, 31],
      [open + 60_000, 111, 40], // 9 traded since the last tick of the previous minute
      [open + 119_000, 105, 52],
      [open + 120_000, 200, 60], // a minute with one trade still traded 8
    ]);
    const bars = await readBars(pool, { instrumentId: id, bucketSeconds: 60, from: new Date(open), to: new Date(open + 180_000), timescale });
    expect(bars.map((bar) => bar.volume)).toEqual([31, 21, 8]);
    // The day's bars add up to the day's volume.
    expect(bars.reduce((sum, bar) => sum + bar.volume, 0)).toBe(60);
    // A window starting mid-day still counts its first bar from the tick before it.
    const later = await readBars(pool, { instrumentId: id, bucketSeconds: 60, from: new Date(open + 60_000), to: new Date(open + 180_000), timescale });
    expect(later.map((bar) => bar.volume)).toEqual([21, 8]);
  });

  it("the next session's cumulative volume starts again from zero: its first bar counts it whole, never negative", async () => {
    const id = 'NFO:BANKNIFTY26DECFUT';
    await record(id, [
      [ist('2026-11-23', '15:29:00'), 500, 90_000],
      [ist('2026-11-24', '09:15:00'), 510, 1_200],
      [ist('2026-11-24', '09:15:30'), 512, 1_500],
    ]);
    const bars = await readBars(pool, { instrumentId: id, bucketSeconds: 60, from: new Date(ist('2026-11-24', '09:15:00')), to: new Date(ist('2026-11-24', '09:16:00')), timescale });
    expect(bars).toEqual([{ time: ist('2026-11-24', '09:15:00'), open: 510, high: 512, low: 510, close: 512, volume: 1_500 }]);
  });

  it('intraday bars start at the 09:15 IST open (30 and 60 minutes: 09:15, 09:45 / 10:15 …), as every Indian chart has them', async () => {
    const id = 'NFO:FINNIFTY26DECFUT';
    await record(id, [
      [ist('2026-11-23', '09:15:00'), 100, 1],
      [ist('2026-11-23', '09:29:00'), 101, 2],
      [ist('2026-11-23', '09:44:00'), 102, 3],
      [ist('2026-11-23', '09:46:00'), 103, 4],
      [ist('2026-11-23', '10:14:00'), 104, 5],
      [ist('2026-11-23', '10:16:00'), 105, 6],
    ]);
    const window = { instrumentId: id, from: new Date(ist('2026-11-23', '09:00:00')), to: new Date(ist('2026-11-23', '15:30:00')), timescale };
    const hourly = await readBars(pool, { ...window, bucketSeconds: 3_600 });
    expect(hourly.map((bar) => [bar.time, bar.open, bar.close])).toEqual([
      [ist('2026-11-23', '09:15:00'), 100, 104],
      [ist('2026-11-23', '10:15:00'), 105, 105],
    ]);
    const halfHourly = await readBars(pool, { ...window, bucketSeconds: 1_800 });
    expect(halfHourly.map((bar) => [bar.time, bar.open, bar.close])).toEqual([
      [ist('2026-11-23', '09:15:00'), 100, 102],
      [ist('2026-11-23', '09:45:00'), 103, 104],
      [ist('2026-11-23', '10:15:00'), 105, 105],
    ]);
    // 75 minutes (five bars a session) does not divide a day: it still starts at every day's open.
    await record(id, [[ist('2026-11-24', '09:20:00'), 200, 1]]);
    const bars75 = await readBars(pool, { instrumentId: id, bucketSeconds: 4_500, from: new Date(ist('2026-11-24', '09:00:00')), to: new Date(ist('2026-11-24', '15:30:00')), timescale });
    expect(bars75.map((bar) => bar.time)).toEqual([ist('2026-11-24', '09:15:00')]);
  });

  it('daily bars are IST days and weekly bars IST weeks starting on Monday', async () => {
    const id = 'NFO:MIDCPNIFTY26DECFUT';
    await record(id, [
      [ist('2026-11-26', '09:15:00'), 300, 5], // Thursday
      [ist('2026-11-27', '15:29:00'), 310, 9], // Friday
      [ist('2026-11-30', '09:15:00'), 320, 2], // the next Monday
    ]);
    const window = { instrumentId: id, from: new Date(ist('2026-11-23', '00:00:00')), to: new Date(ist('2026-12-07', '00:00:00')), timescale };
    const daily = await readBars(pool, { ...window, bucketSeconds: 86_400 });
    expect(daily.map((bar) => bar.time)).toEqual([ist('2026-11-26', '00:00:00'), ist('2026-11-27', '00:00:00'), ist('2026-11-30', '00:00:00')]);
    const weekly = await readBars(pool, { ...window, bucketSeconds: 7 * 86_400 });
    expect(weekly.map((bar) => [bar.time, bar.open, bar.close])).toEqual([
      [ist('2026-11-23', '00:00:00'), 300, 310],
      [ist('2026-11-30', '00:00:00'), 320, 320],
    ]);
  });

  it('two ticks stamped in the same second (exchange times are whole seconds): the later one is kept, as the last price', async () => {
    const id = 'NFO:NIFTY26DEC24000CE';
    const at = ist('2026-11-23', '10:00:05');
    const recorder = createTickRecorder(pool, { flushIntervalMs: 60_000 });
    recorder.record([stubTick(asInstrumentId(id), 100, { timestamp: at, volume: 75 })]);
    recorder.record([stubTick(asInstrumentId(id), 105, { timestamp: at, volume: 150 }), stubTick(asInstrumentId(id), 110, { timestamp: at, volume: 225 })]);
    await recorder.flush();
    recorder.record([stubTick(asInstrumentId(id), 95, { timestamp: at, volume: 300 })]); // a later flush, same second
    await recorder.close();
    expect(await lastRecordedPrices(pool, [id])).toEqual(new Map([[id, 95]]));
    const rows = await pool.query<{ volume: number }>('SELECT volume FROM market_ticks WHERE instrument_id = $1', [id]);
    expect(rows.rows).toEqual([{ volume: 300 }]);
  });
});
