import { parentPort, workerData } from 'node:worker_threads';
import { createJournal, createPool, createSnapshotStore } from '@strikedesk/db/client';
import { recoverState } from './recover-state.ts';
import { encodeSnapshot, SNAPSHOT_FORMAT } from './snapshot-codec.ts';

/**
 * Folds the journal into a new snapshot on a second core (a worker thread with its own connection):
 * the newest snapshot plus the journal after it — the very fold a restart does — then writes the
 * result at its last seq. The live engine is never paused to serialise its state.
 */
export type SnapshotWorkerResult = { seq: number; bytes: number; replayed: number; millis: number } | { error: string };

const { databaseUrl, keep } = workerData as { databaseUrl: string; keep: number };
const started = performance.now();
const pool = createPool(databaseUrl, { applicationName: 'strikedesk-engine-snapshot' });
try {
  const snapshots = createSnapshotStore(pool);
  const warnings: string[] = [];
  const { state, snapshotSeq, replayed } = await recoverState(createJournal(pool), snapshots, { warn: (_details, message) => warnings.push(message) }, { recordRules: false });
  let bytes = 0;
  if (state.lastSeq > (snapshotSeq ?? 0)) {
    const encoded = encodeSnapshot(state.toSnapshot());
    bytes = encoded.length;
    await snapshots.save({ seq: state.lastSeq, format: SNAPSHOT_FORMAT, state: encoded });
    await snapshots.prune(keep);
  }
  parentPort?.postMessage({ seq: state.lastSeq, bytes, replayed, millis: performance.now() - started } satisfies SnapshotWorkerResult);
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies SnapshotWorkerResult);
} finally {
  await pool.end();
}
