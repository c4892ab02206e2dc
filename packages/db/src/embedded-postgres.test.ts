import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './open-database.ts';
import { createPool } from './pool.ts';

describe('embedded PostgreSQL (the zero-configuration default)', () => {
  const directories: string[] = [];
  afterAll(async () => {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it('initialises, migrates, serves concurrent connections, and keeps data across restarts', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'sd-embedded-'));
    await chmod(root, 0o755); // mkdtemp makes it 0700; as root the server runs as another user
    const dataDir = path.join(root, 'data');
    directories.push(path.dirname(dataDir));

    const first = await openDatabase({ dataDir });
    expect(first.embedded).toBe(true);
    expect(first.migrationsApplied.length).toBeGreaterThan(0);
    const pools = [createPool(first.url), createPool(first.url)];
    try {
      // Two pools stand for the engine and the gateway: one holds a transaction open while the
      // other runs parameterised queries (the case that breaks PGlite over a socket).
      const holder = await pools[0]!.connect();
      await holder.query('BEGIN');
      await holder.query("INSERT INTO watchlist_items (user_id, instrument_id, position) SELECT id, 'x', 0 FROM users LIMIT 0");
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, index) => pools[1]!.query('SELECT $1::int AS n', [index])),
      );
      expect(results.map((result) => result.rows[0].n)).toEqual(Array.from({ length: 20 }, (_, index) => index));
      await holder.query('COMMIT');
      holder.release();
      await pools[1]!.query("INSERT INTO engine_events (seq, account_id, type, payload) VALUES (1, gen_random_uuid(), 'Marker', '{}')");
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await first.close();
    }

    const second = await openDatabase({ dataDir });
    try {
      expect(second.migrationsApplied).toEqual([]);
      const pool = createPool(second.url);
      const rows = await pool.query("SELECT type FROM engine_events WHERE seq = 1");
      await pool.end();
      expect(rows.rows).toEqual([{ type: 'Marker' }]);
    } finally {
      await second.close();
    }
  }, 120_000);
});
