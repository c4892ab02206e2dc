import type pg from 'pg';
import { inTransaction } from './transaction.ts';

export type StoredSnapshot = { seq: number; format: number; state: Buffer };

/** Parts a snapshot is stored in: one huge bytea value is several times slower to read back. */
const PART_BYTES = 4 * 1024 * 1024;

/**
 * Engine snapshots (table engine_snapshots, migration 0004): opaque bytes the engine serialises,
 * keyed by the journal seq they were folded up to, stored in parts. Only the newest few are kept.
 */
export type SnapshotStore = {
  /** The newest snapshot in `format` (an older format is ignored: the journal replays instead). */
  latest(format: number): Promise<StoredSnapshot | null>;
  save(snapshot: StoredSnapshot): Promise<void>;
  /** Deletes all but the newest `keep` snapshots. */
  prune(keep: number): Promise<number>;
  /** Deletes every snapshot past `seq` (the journal's end), in any format; returns how many seqs went. */
  discardAfter(seq: number): Promise<number>;
};

/**
 * A query whose bytea results arrive as the bytes themselves: binary result format, and no type
 * parser (the text format would send hex for Node to decode — several times slower at this size).
 */
function rawBytesQuery(text: string, values: unknown[]): pg.QueryConfig {
  return { text, values, binary: true, types: { getTypeParser: () => (value: Buffer) => value } } as unknown as pg.QueryConfig;
}

export function createSnapshotStore(pool: pg.Pool): SnapshotStore {
  return {
    async latest(format) {
      const newest = await pool.query<{ seq: string }>('SELECT max(seq) AS seq FROM engine_snapshots WHERE format = $1', [format]);
      const seq = newest.rows[0]?.seq;
      if (seq === null || seq === undefined) return null;
      const parts = await pool.query<{ state: Buffer }>(rawBytesQuery('SELECT state FROM engine_snapshots WHERE seq = $1 AND format = $2 ORDER BY part', [seq, format]));
      return { seq: Number(seq), format, state: Buffer.concat(parts.rows.map((row) => row.state)) };
    },
    async save(snapshot) {
      await inTransaction(pool, async (client) => {
        await client.query('DELETE FROM engine_snapshots WHERE seq = $1', [snapshot.seq]);
        for (let offset = 0, part = 0; offset < snapshot.state.length || part === 0; offset += PART_BYTES, part += 1) {
          await client.query('INSERT INTO engine_snapshots (seq, part, format, state) VALUES ($1, $2, $3, $4)', [
            snapshot.seq,
            part,
            snapshot.format,
            snapshot.state.subarray(offset, offset + PART_BYTES),
          ]);
        }
      });
    },
    async prune(keep) {
      const result = await pool.query(
        'DELETE FROM engine_snapshots WHERE seq NOT IN (SELECT DISTINCT seq FROM engine_snapshots ORDER BY seq DESC LIMIT $1)',
        [keep],
      );
      return result.rowCount ?? 0;
    },
    async discardAfter(seq) {
      const result = await pool.query<{ seq: string }>('DELETE FROM engine_snapshots WHERE seq > $1 RETURNING seq', [seq]);
      return new Set(result.rows.map((row) => row.seq)).size;
    },
  };
}
