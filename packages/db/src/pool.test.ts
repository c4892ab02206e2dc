import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from './pool.ts';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from './testing.ts';

describe('createPool', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => database.drop());

  it('survives the server ending its idle connections, and reconnects on the next query', async () => {
    const errors: Error[] = [];
    const pool = createPool(database.url, { onConnectionError: (error) => errors.push(error) });
    try {
      await Promise.all([pool.query('SELECT 1'), pool.query('SELECT 2'), pool.query('SELECT 3')]);
      // What a database restart does to idle clients: FATAL 57P01 on each.
      const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
      await admin.connect();
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database.name],
      );
      await admin.end();
      // Every idle client hears its FATAL; the pool drops each broken one instead of lending it out.
      const deadline = Date.now() + 5_000;
      while (pool.totalCount > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(pool.totalCount).toBe(0);
      expect(errors.length).toBeGreaterThanOrEqual(3);
      expect(errors.every((error) => (error as Error & { code?: string }).code === '57P01')).toBe(true);
      expect((await pool.query('SELECT 42 AS answer')).rows[0].answer).toBe(42);
    } finally {
      await pool.end();
    }
  });
});
