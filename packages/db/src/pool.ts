import pg from 'pg';

// bigint (int8) columns hold paise and sequence numbers, always below 2^53 by construction
// (money helpers refuse unsafe integers), so they are parsed to numbers, checked.
pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return value;
});

export type Pool = pg.Pool;

export type PoolOptions = {
  max?: number;
  applicationName?: string;
  /** Told about connection errors outside any query (e.g. the server restarted); default: ignored. */
  onConnectionError?: (error: Error) => void;
  /**
   * false: commits do not wait for the WAL flush. Only for writes that may be lost in a crash
   * because they are redone from durable state (e.g. signal bookkeeping, requeued at start).
   */
  synchronousCommit?: boolean;
};

export function createPool(connectionString: string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'strikedesk',
    ...(options.synchronousCommit === false ? { options: '-c synchronous_commit=off' } : {}),
    idleTimeoutMillis: 30_000,
  });
  const report = (error: Error) => options.onConnectionError?.(error);
  // An idle client that loses its server emits 'error' on the pool, and a client the pool has
  // already let go (pool.end() resolves before its clients finish closing) emits it on itself.
  // Unheard, either would crash the process; the pool replaces broken clients on the next query.
  pool.on('error', report);
  pool.on('connect', (client) => client.on('error', report));
  return pool;
}
