import type pg from 'pg';

/** Whether TimescaleDB is installed in this database (the migration creates it when available). */
export async function hasTimescale(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query("SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'");
  return (result.rowCount ?? 0) > 0;
}

export type Bar = { time: number; open: number; high: number; low: number; close: number; volume: number };

/**
 * OHLC bars from recorded ticks. `time_bucket` on TimescaleDB, `date_bin` (PostgreSQL ≥ 14) on
 * plain PostgreSQL: same buckets (both align to the Unix epoch by default here), same result.
 */
export async function readBars(
  pool: pg.Pool,
  args: { instrumentId: string; bucketSeconds: number; from: Date; to: Date; timescale: boolean },
): Promise<Bar[]> {
  const bucket = args.timescale
    ? `time_bucket(make_interval(secs => $2), ts)`
    : `date_bin(make_interval(secs => $2), ts, TIMESTAMPTZ '1970-01-01 00:00:00+00')`;
  const result = await pool.query<{ bucket: Date; open: number; high: number; low: number; close: number; volume: number }>(
    `SELECT ${bucket} AS bucket,
            (array_agg(last_price ORDER BY ts))[1] AS open,
            max(last_price) AS high,
            min(last_price) AS low,
            (array_agg(last_price ORDER BY ts DESC))[1] AS close,
            max(volume) - min(volume) AS volume
       FROM market_ticks
      WHERE instrument_id = $1 AND ts >= $3 AND ts < $4
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
