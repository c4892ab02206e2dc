import type pg from 'pg';

export type StoredSnapshot = { seq: number; format: number; state: Buffer };

/**
 * Engine snapshots (table engine_snapshots, migration 0004): opaque bytes the engine serialises,
 * keyed by the journal seq they were folded up to. Only the newest few are kept.
 */
export type SnapshotStore = {
  /** The newest snapshot in `format` (an older format is ignored: the journal replays instead). */
  latest(format: number): Promise<StoredSnapshot | null>;
  save(snapshot: StoredSnapshot): Promise<void>;
  /** Deletes all but the newest `keep` snapshots. */
  prune(keep: number): Promise<number>;
};

export function createSnapshotStore(pool: pg.Pool): SnapshotStore {
  return {
    async latest(format) {
      const result = await pool.query<{ seq: string; format: number; state: Buffer }>(
        'SELECT seq, format, state FROM engine_snapshots WHERE format = $1 ORDER BY seq DESC LIMIT 1',
        [format],
      );
      const row = result.rows[0];
      return row ? { seq: Number(row.seq), format: row.format, state: row.state } : null;
    },
    async save(snapshot) {
      await pool.query('INSERT INTO engine_snapshots (seq, format, state) VALUES ($1, $2, $3) ON CONFLICT (seq) DO NOTHING', [
        snapshot.seq,
        snapshot.format,
        snapshot.state,
      ]);
    },
    async prune(keep) {
      const result = await pool.query('DELETE FROM engine_snapshots WHERE seq NOT IN (SELECT seq FROM engine_snapshots ORDER BY seq DESC LIMIT $1)', [keep]);
      return result.rowCount ?? 0;
    },
  };
}
