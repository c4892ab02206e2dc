import { BAR_INTERVAL_SECONDS, BAR_LOOKBACK_MS, DomainError, paise, type Bar, type BarsQuery } from '@strikedesk/domain';
import { hasTimescale, readBars } from '@strikedesk/db/client';
import type pg from 'pg';
import type { InstrumentCatalog } from '../instruments/instrument-catalog.ts';

/**
 * Candles for the terminal's charts, built from the ticks the engine records (`market_ticks`):
 * TimescaleDB's time_bucket when the extension is there, date_bin on plain PostgreSQL — asked once.
 * Recording off (RECORD_TICKS=false) means no history: the chart then starts with the live ticks.
 */
export class BarHistory {
  private timescale: Promise<boolean> | null = null;

  constructor(private readonly deps: { pool: pg.Pool; catalog: InstrumentCatalog; now: () => number }) {}

  async bars({ instrumentId, interval }: BarsQuery): Promise<Bar[]> {
    if (!this.deps.catalog.get(instrumentId)) throw new DomainError('INSTRUMENT_NOT_FOUND');
    const now = this.deps.now();
    const from = now - BAR_LOOKBACK_MS[interval];
    const rows = await readBars(this.deps.pool, {
      instrumentId,
      bucketSeconds: BAR_INTERVAL_SECONDS[interval],
      from: new Date(from),
      to: new Date(now + 1),
      timescale: await this.usesTimescale(),
    });
    // The first bar began before the window (its ticks before `from` unread): partial, so left out.
    const whole = rows[0] !== undefined && rows[0].time < from ? rows.slice(1) : rows;
    return whole.map((row) => ({ time: row.time, open: paise(row.open), high: paise(row.high), low: paise(row.low), close: paise(row.close), volume: row.volume }));
  }

  private usesTimescale(): Promise<boolean> {
    // A failed look is asked again next time rather than remembered.
    this.timescale ??= hasTimescale(this.deps.pool).catch((error: unknown) => {
      this.timescale = null;
      throw error;
    });
    return this.timescale;
  }
}
