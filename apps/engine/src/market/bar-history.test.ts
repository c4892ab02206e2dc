import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asInstrumentId, paise } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { createPool, createTickRecorder } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import type pg from 'pg';
import { loadEngineConfig } from '../config/engine-config.ts';
import { InstrumentCatalog } from '../instruments/instrument-catalog.ts';
import { buildInstrumentMaster } from '../instruments/instrument-master.ts';
import { createTestDatabase } from '../testing/test-engine.ts';
import { BarHistory } from './bar-history.ts';

/** Epoch ms of an IST wall-clock time. */
const ist = (date: string, time: string): number => Date.parse(`${date}T${time}+05:30`);

const catalog = new InstrumentCatalog(
  buildInstrumentMaster({ specs: loadEngineConfig().underlyings, spots: new Map([['NIFTY', paise(2_601_234)], ['BANKNIFTY', paise(5_904_321)]]), asOf: '2026-12-09', holidays: new Set() }),
);
const FUTURE = asInstrumentId('NFO:NIFTY26DECFUT');

let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createPool(database.url);
  const recorder = createTickRecorder(pool, { flushIntervalMs: 60_000 });
  const rows: [string, number, number][] = [
    ['09:13:30', 2_600_000, 100], // before the window of the 1m chart at 09:20:30 below
    ['09:15:05', 2_600_500, 160],
    ['09:15:40', 2_601_000, 170],
    ['09:16:10', 2_599_000, 200],
    ['09:20:10', 2_602_000, 260],
  ];
  recorder.record(rows.map(([time, price, volume]) => stubTick(FUTURE, price, { timestamp: ist('2026-12-09', time), volume })));
  await recorder.close();
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const history = (now: number) => new BarHistory({ pool, catalog, now: () => now });

describe('chart candles from recorded ticks', () => {
  it('are aligned to the 09:15 IST open, in paise, with the volume traded within each bar', async () => {
    const bars = await history(ist('2026-12-09', '09:21:00')).bars({ instrumentId: FUTURE, interval: '1m' });
    expect(bars).toEqual([
      { time: ist('2026-12-09', '09:13:00'), open: 2_600_000, high: 2_600_000, low: 2_600_000, close: 2_600_000, volume: 100 },
      { time: ist('2026-12-09', '09:15:00'), open: 2_600_500, high: 2_601_000, low: 2_600_500, close: 2_601_000, volume: 70 },
      { time: ist('2026-12-09', '09:16:00'), open: 2_599_000, high: 2_599_000, low: 2_599_000, close: 2_599_000, volume: 30 },
      { time: ist('2026-12-09', '09:20:00'), open: 2_602_000, high: 2_602_000, low: 2_602_000, close: 2_602_000, volume: 60 },
    ]);
  });

  it('leave out a first bar the window cuts (its earlier ticks unread), and nothing after now', async () => {
    // One day of 1m bars back from 09:15:30 the next day: the window opens at 09:15:30 today, inside the 09:15 bar.
    const bars = await history(ist('2026-12-10', '09:15:30')).bars({ instrumentId: FUTURE, interval: '1m' });
    expect(bars.map((bar) => bar.time)).toEqual([ist('2026-12-09', '09:16:00'), ist('2026-12-09', '09:20:00')]);
    const early = await history(ist('2026-12-09', '09:16:00')).bars({ instrumentId: FUTURE, interval: '5m' });
    expect(early.map((bar) => bar.time)).toEqual([ist('2026-12-09', '09:10:00'), ist('2026-12-09', '09:15:00')]);
    expect(early.at(-1)?.close).toBe(2_601_000);
  });

  it('are none for an instrument without recorded ticks, and an unknown instrument is INSTRUMENT_NOT_FOUND', async () => {
    expect(await history(ist('2026-12-09', '10:00:00')).bars({ instrumentId: asInstrumentId('NFO:BANKNIFTY26DECFUT'), interval: '15m' })).toEqual([]);
    await expect(history(ist('2026-12-09', '10:00:00')).bars({ instrumentId: asInstrumentId('NFO:NOSUCH26DECFUT'), interval: '1D' })).rejects.toMatchObject({ code: 'INSTRUMENT_NOT_FOUND' });
  });
});
