import type { Tick } from '@strikedesk/domain';
import type pg from 'pg';

export type TickRecorder = {
  /** Queues ticks; never blocks the market-data path. */
  record(ticks: readonly Tick[]): void;
  flush(): Promise<void>;
  close(): Promise<void>;
  readonly dropped: number;
};

/**
 * One row per (instrument, instant), the last queued: broker feeds stamp ticks with the exchange's
 * whole second, so several trades share an instant and the latest is the one that stands (the
 * close of its bar, the last recorded price). Also what lets one INSERT … ON CONFLICT DO UPDATE
 * take the batch (it refuses to touch a row twice).
 */
function latestPerInstant(ticks: readonly Tick[]): Tick[] {
  const latest = new Map<string, Tick>();
  for (const tick of ticks) {
    const key = `${tick.timestamp}|${tick.instrumentId}`;
    latest.delete(key); // re-inserted last: rows keep arrival order
    latest.set(key, tick);
  }
  return latest.size === ticks.length ? [...ticks] : [...latest.values()];
}

/**
 * Batches ticks into multi-row INSERTs through pg (Prisma's createMany is ~7x slower, see
 * stack-notes). Bounded: when the database falls behind, the oldest queued ticks are dropped and
 * counted rather than growing memory without limit. Ticks of an instant already recorded replace
 * it (see latestPerInstant).
 */
export function createTickRecorder(
  pool: pg.Pool,
  options: { flushIntervalMs?: number; maxQueued?: number; onError?: (error: unknown) => void } = {},
): TickRecorder {
  const { flushIntervalMs = 1_000, maxQueued = 50_000, onError } = options;
  let queue: Tick[] = [];
  let dropped = 0;
  let flushing: Promise<void> = Promise.resolve();
  const ROWS_PER_INSERT = 1_000;

  async function write(queued: Tick[]): Promise<void> {
    const batch = latestPerInstant(queued);
    for (let start = 0; start < batch.length; start += ROWS_PER_INSERT) {
      const chunk = batch.slice(start, start + ROWS_PER_INSERT);
      const values: unknown[] = [];
      const rows = chunk.map((tick, index) => {
        values.push(tick.instrumentId, new Date(tick.timestamp), tick.lastPrice, tick.volume, tick.openInterest);
        const o = index * 5;
        return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5})`;
      });
      await pool.query(
        `INSERT INTO market_ticks (instrument_id, ts, last_price, volume, open_interest) VALUES ${rows.join(', ')}
         ON CONFLICT (instrument_id, ts) DO UPDATE
           SET last_price = EXCLUDED.last_price, volume = EXCLUDED.volume, open_interest = EXCLUDED.open_interest`,
        values,
      );
    }
  }

  function flush(): Promise<void> {
    flushing = flushing.then(async () => {
      if (queue.length === 0) return;
      const batch = queue;
      queue = [];
      try {
        await write(batch);
      } catch (error) {
        onError?.(error);
      }
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), flushIntervalMs);
  timer.unref();

  return {
    record(ticks) {
      queue.push(...ticks);
      if (queue.length > maxQueued) {
        dropped += queue.length - maxQueued;
        queue = queue.slice(queue.length - maxQueued);
      }
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
    get dropped() {
      return dropped;
    },
  };
}
