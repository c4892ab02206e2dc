import { createPool } from '@strikedesk/db/client';
import { TEST_SERVER_URL, type TestDatabase } from '@strikedesk/db/testing';

async function run(url: string, sql: string, values: unknown[] = []): Promise<void> {
  const pool = createPool(url, { max: 1, applicationName: 'gateway-test' });
  try {
    await pool.query(sql, values);
  } finally {
    await pool.end();
  }
}

/**
 * Moves every refresh-session rotation `ms` into the past, as if that much time had gone by since
 * the refreshes (for the reuse grace window), without waiting for it.
 */
export const ageRotations = (database: TestDatabase, ms: number): Promise<void> =>
  run(database.url, `UPDATE refresh_sessions SET rotated_at = rotated_at - make_interval(secs => $1) WHERE rotated_at IS NOT NULL`, [ms / 1000]);

/**
 * A database outage: refuses new connections to the database and ends the open ones, until the
 * returned function lets connections in again.
 */
export async function cutDatabase(database: TestDatabase): Promise<() => Promise<void>> {
  await run(TEST_SERVER_URL, `ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
  await run(TEST_SERVER_URL, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]);
  return () => run(TEST_SERVER_URL, `ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
}
