import { Worker } from 'node:worker_threads';
import type { SnapshotWorkerResult } from './snapshot-worker.ts';

export type SnapshotSchedulerOptions = {
  databaseUrl: string;
  /** A snapshot is taken once this many events were journaled since the last one. */
  everyEvents: number;
  /** Snapshots kept (the newest); older ones are deleted after each write. */
  keep?: number;
  lastSeq(): number;
  logger: { info(details: object, message: string): void; error(details: object, message: string): void };
};

/**
 * Takes a snapshot in a worker thread whenever `everyEvents` events have been journaled since the
 * last one (checked every few seconds), one at a time. Restart then replays at most about
 * `everyEvents` records after loading the snapshot.
 */
export class SnapshotScheduler {
  private lastSnapshotSeq: number;
  private running: Promise<SnapshotWorkerResult> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: SnapshotSchedulerOptions,
    snapshotSeq: number,
  ) {
    this.lastSnapshotSeq = snapshotSeq;
  }

  start(checkEveryMs = 5_000): void {
    this.timer = setInterval(() => {
      if (this.options.lastSeq() - this.lastSnapshotSeq >= this.options.everyEvents) void this.snapshotNow();
    }, checkEveryMs);
    this.timer.unref();
  }

  /** Takes a snapshot now (or joins the one being taken). */
  snapshotNow(): Promise<SnapshotWorkerResult> {
    this.running ??= this.runWorker().finally(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private runWorker(): Promise<SnapshotWorkerResult> {
    return new Promise((resolve) => {
      const worker = new Worker(new URL('./snapshot-worker.mjs', import.meta.url), { workerData: { databaseUrl: this.options.databaseUrl, keep: this.options.keep ?? 2 } });
      let result: SnapshotWorkerResult = { error: 'snapshot worker exited without a result' };
      worker.on('message', (message: SnapshotWorkerResult) => (result = message));
      worker.on('error', (error) => (result = { error: error.message }));
      worker.on('exit', () => {
        if ('error' in result) this.options.logger.error({ error: result.error }, 'snapshot failed; the journal is intact, the next one retries');
        else {
          this.lastSnapshotSeq = Math.max(this.lastSnapshotSeq, result.seq);
          this.options.logger.info(result, 'snapshot written');
        }
        resolve(result);
      });
    });
  }
}
