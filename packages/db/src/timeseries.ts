import type pg from 'pg';

/** Whether TimescaleDB is installed in this database (the migration creates it when available). */
export async function hasTimescale(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  return (result.rowCount ?? 0) > 0;
}

export type Bar = { time: number; open: number; high: number; low: number; close: number; volume: number };

const DAY_SECONDS = 86_400;
/** A Monday, 00:00 IST: daily and longer bars are IST days, weeks start on Monday. */
const IST_MONDAY_ORIGIN = "TIMESTAMPTZ '1970-01-05 00:00:00+05:30'";
/** The NSE session's open on the tick's own IST day. */
const SESSION_OPEN = "((date_trunc('day', ts AT TIME ZONE 'Asia/Kolkata') + interval '9 hours 15 minutes') AT TIME ZONE 'Asia/Kolkata')";

/**
 * Which bar a tick falls in, as Indian charts (Kite, NSE, TradingView) draw them:
 * - intraday bars start at each day's 09:15 IST open (09:15, 10:15 … hourly; 09:15, 09:45 …
 *   half-hourly), whatever the width — even one that does not divide a day (75 minutes). The Unix
 *   epoch would start them at 09:00/09:30 IST. Plain arithmetic, the same SQL on both databases.
 * - daily and longer bars are IST days, weeks from Monday. Both bucket functions get the same
 *   explicit origin: their defaults differ (time_bucket's is Monday 2000-01-03, date_bin has
 *   none), so weekly bars would start on another weekday with TimescaleDB than without.
 */
function bucketExpression(bucketSeconds: number, timescale: boolean): string {
  const width = 'make_interval(secs => $2::double precision)';
  if (bucketSeconds < DAY_SECONDS) {
    return `${SESSION_OPEN} + make_interval(secs => $2::double precision * floor(extract(epoch FROM ts - ${SESSION_OPEN}) / $2::double precision))`;
  }
  return timescale ? `time_bucket(${width}, ts, ${IST_MONDAY_ORIGIN})` : `date_bin(${width}, ts, ${IST_MONDAY_ORIGIN})`;
}

/**
 * OHLCV bars from recorded ticks, oldest first. `time_bucket` on TimescaleDB, `date_bin`
 * (PostgreSQL ≥ 14) on plain PostgreSQL, with the same alignment (`bucketExpression`).
 *
 * Volume: a tick carries the day's *cumulative* volume, so what traded in a bar is the rise since
 * the tick before — the one before the bar, even before `from` — not max − min within the bar
 * (which loses what traded up to the bar's first tick, and makes a one-tick bar 0). The day's
 * first tick (a new IST day, or a count that fell: a restarted session) counts its volume whole,
 * so a day's bars add up to its volume.
 */
export async function readBars(
  pool: pg.Pool,
  args: { instrumentId: string; bucketSeconds: number; from: Date; to: Date; timescale: boolean },
): Promise<Bar[]> {
  if (!Number.isInteger(args.bucketSeconds) || args.bucketSeconds <= 0) throw new RangeError(`bucketSeconds must be a positive whole number, got ${args.bucketSeconds}`);
  const result = await pool.query<{ bucket: Date; open: number; high: number; low: number; close: number; volume: number }>(
    `WITH window_ticks AS (
       SELECT ts, last_price, volume FROM market_ticks WHERE instrument_id = $1 AND ts >= $3 AND ts < $4
       UNION ALL
       (SELECT ts, last_price, volume FROM market_ticks WHERE instrument_id = $1 AND ts < $3 ORDER BY ts DESC LIMIT 1)
     ), traded AS (
       SELECT ts, last_price,
              CASE
                WHEN lag(ts) OVER w IS NULL
                  OR (lag(ts) OVER w AT TIME ZONE 'Asia/Kolkata')::date <> (ts AT TIME ZONE 'Asia/Kolkata')::date
                  OR volume < lag(volume) OVER w
                THEN volume
                ELSE volume - lag(volume) OVER w
              END AS traded
         FROM window_ticks
       WINDOW w AS (ORDER BY ts)
     )
     SELECT ${bucketExpression(args.bucketSeconds, args.timescale)} AS bucket,
            (array_agg(last_price ORDER BY ts))[1] AS open,
            max(last_price) AS high,
            min(last_price) AS low,
            (array_agg(last_price ORDER BY ts DESC))[1] AS close,
            sum(traded)::bigint AS volume
       FROM traded
      WHERE ts >= $3
      GROUP BY 1 ORDER BY 1`,
    [args.instrumentId, args.bucketSeconds, args.from, args.to],
  );
  return result.rows.map((row) => ({
    time: row.bucket.getTime(),
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
  }));
}

/**
 * The last recorded price of each of these instruments (those never recorded are absent): one
 * backward step of the (instrument_id, ts) primary key each, however many ticks are stored.
 */
export async function lastRecordedPrices(pool: pg.Pool, instrumentIds: readonly string[]): Promise<Map<string, number>> {
  if (instrumentIds.length === 0) return new Map();
  const result = await pool.query<{ instrument_id: string; last_price: string }>(
    `SELECT ids.id AS instrument_id, last.last_price
       FROM unnest($1::text[]) AS ids(id)
       CROSS JOIN LATERAL (SELECT last_price FROM market_ticks WHERE instrument_id = ids.id ORDER BY ts DESC LIMIT 1) AS last`,
    [instrumentIds],
  );
  return new Map(result.rows.map((row) => [row.instrument_id, Number(row.last_price)]));
}
