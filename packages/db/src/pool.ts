import pg from 'pg';

// bigint (int8) columns hold paise and sequence numbers, always below 2^53 by construction
// (money helpers refuse unsafe integers), so they are parsed to numbers, checked.
pg.types.setTypeParser(pg.types.builtins.INT8, (text: string) => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`);
  return value;
});

export type Pool = pg.Pool;

export function createPool(connectionString: string, options: { max?: number; applicationName?: string } = {}): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'strikedesk',
    idleTimeoutMillis: 30_000,
  });
}
