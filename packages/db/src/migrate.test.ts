import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationChecksumError } from './migrate.ts';
import { createTestDatabase, type TestDatabase } from './testing.ts';

describe('migrate', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => database.drop());

  it('applies every committed migration once, in name order, and is a no-op the second time', async () => {
    const committed = (await loadMigrations()).map((migration) => migration.name);
    expect(committed.length).toBeGreaterThanOrEqual(2);
    expect(await migrate(database.url)).toEqual(committed);
    expect(await migrate(database.url)).toEqual([]);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    await client.end();
    expect(tables.rows.map((row) => row.tablename)).toEqual(
      expect.arrayContaining(['users', 'accounts', 'refresh_sessions', 'watchlist_items', 'engine_events', 'market_ticks']),
    );
  });

  it('serialises concurrent migrators with an advisory lock', async () => {
    const fresh = await createTestDatabase({ migrate: false });
    try {
      const results = await Promise.all([migrate(fresh.url), migrate(fresh.url), migrate(fresh.url)]);
      const appliedCounts = results.map((names) => names.length).sort();
      expect(appliedCounts.slice(0, 2)).toEqual([0, 0]);
      expect(appliedCounts[2]).toBeGreaterThan(0);
    } finally {
      await fresh.drop();
    }
  });

  it('refuses a migration edited after it was applied, and rolls back a failing one', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'sd-migrations-'));
    await mkdir(path.join(directory, '0001_a'));
    await writeFile(path.join(directory, '0001_a', 'migration.sql'), 'CREATE TABLE t_a (id int);');
    const fresh = await createTestDatabase({ migrate: false });
    try {
      await migrate(fresh.url, directory);
      await writeFile(path.join(directory, '0001_a', 'migration.sql'), 'CREATE TABLE t_a (id bigint);');
      await expect(migrate(fresh.url, directory)).rejects.toBeInstanceOf(MigrationChecksumError);

      await writeFile(path.join(directory, '0001_a', 'migration.sql'), 'CREATE TABLE t_a (id int);');
      await mkdir(path.join(directory, '0002_bad'));
      await writeFile(path.join(directory, '0002_bad', 'migration.sql'), 'CREATE TABLE t_b (id int); SELECT nope;');
      await expect(migrate(fresh.url, directory)).rejects.toThrow(/0002_bad failed/);
      const client = new pg.Client({ connectionString: fresh.url });
      await client.connect();
      const leftover = await client.query("SELECT to_regclass('t_b') AS t");
      await client.end();
      expect(leftover.rows[0].t).toBeNull();
    } finally {
      await fresh.drop();
    }
  });
});
