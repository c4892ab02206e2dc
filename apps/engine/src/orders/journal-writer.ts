import { applyOrderEvent, DomainError, type EngineEvent, type EngineEventEnvelope, type Order } from '@strikedesk/domain';
import { DuplicateClientOrderIdError, JournalSequenceConflictError, type Journal, type JournalRecord } from '@strikedesk/db/client';
import type { Topic } from '../events/topic.ts';
import { Backoff, sleep, type BackoffOptions } from '../backoff.ts';
import type { TradingState } from './trading-state.ts';

/**
 * A command the journal did not record. Code INTERNAL on purpose: the trader reads "nothing was
 * changed", which is true — the writer re-read the journal before deciding the event did not land.
 */
export class JournalUnavailableError extends DomainError {
  constructor(message: string, cause?: unknown) {
    super('INTERNAL', message);
    this.name = 'JournalUnavailableError';
    this.cause = cause;
  }
}

export type JournalWriterOptions = {
  logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
  /**
   * Memory no longer matches the journal (state.apply threw after an append: a bug). The engine
   * must not go on trading from a state it cannot trust; production exits and replays on restart.
   */
  onFatal: (error: unknown) => void;
  /** Backoff of the journal re-read after a failed append. */
  retry?: BackoffOptions;
  /** Most records written by one INSERT (PostgreSQL allows 65,535 parameters; a record takes 6). */
  maxBatchRecords?: number;
};

const RECONCILE_PAGE = 1_000;
const DEFAULT_MAX_BATCH_RECORDS = 500;

type Pending = {
  events: readonly EngineEvent[];
  resolve(envelopes: EngineEventEnvelope[]): void;
  reject(error: unknown): void;
};

/**
 * The single writer of the journal, with group commit: commits that arrive while an INSERT is in
 * flight are written together by the next one, so durability costs one round trip per batch rather
 * than per command (docs/adr/0012-journal-group-commit-and-snapshots.md). Each commit is still
 * all-or-nothing and is applied to memory and published only after its records are in PostgreSQL;
 * seq stays contiguous across accounts because one batch is written at a time.
 *
 * A failed append has an unknown outcome (the connection may have dropped after the commit), so
 * before anything else is written the writer re-reads the journal after its last seq and applies
 * whatever landed, retrying while the database is unreachable. Only then does the failed batch
 * learn whether its records are in: if so it succeeds like any other.
 */
export class JournalWriter {
  private queue: Pending[] = [];
  private writing = false;
  /** Set once the writer refuses all further commits (fatal fault or shutdown). */
  private halted: JournalUnavailableError | null = null;
  private readonly stopping = new AbortController();
  private readonly maxBatchRecords: number;
  /** Batches written and records in them, for the benchmark and metrics. */
  readonly stats = { batches: 0, records: 0 };

  constructor(
    private readonly journal: Journal,
    private readonly state: TradingState,
    private readonly published: Topic<EngineEventEnvelope>,
    private readonly options: JournalWriterOptions,
  ) {
    this.maxBatchRecords = options.maxBatchRecords ?? DEFAULT_MAX_BATCH_RECORDS;
  }

  commit(events: readonly EngineEvent[]): Promise<EngineEventEnvelope[]> {
    if (this.halted) return Promise.reject(this.halted);
    return new Promise((resolve, reject) => {
      this.queue.push({ events, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  /** Stops retrying and refuses further commits: the engine is going away (replay recovers). */
  close(): void {
    this.halted ??= new JournalUnavailableError('The engine is shutting down; try again once it is back.');
    this.stopping.abort();
    const queued = this.queue;
    this.queue = [];
    for (const pending of queued) pending.reject(this.halted);
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0) {
        if (this.halted) {
          const queued = this.queue;
          this.queue = [];
          for (const pending of queued) pending.reject(this.halted);
          return;
        }
        await this.write(this.takeBatch());
      }
    } finally {
      this.writing = false;
    }
  }

  private takeBatch(): Pending[] {
    let records = 0;
    let count = 0;
    for (const pending of this.queue) {
      if (count > 0 && records + pending.events.length > this.maxBatchRecords) break;
      records += pending.events.length;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  /** Writes commits as one INSERT; refuses illegal ones before touching the database. */
  private async write(batch: Pending[]): Promise<void> {
    // Checked against memory plus the earlier commits of this batch (on copies: memory changes only
    // after the INSERT); an illegal commit (IllegalTransitionError) is refused alone.
    const scratch = new Map<string, Order>();
    const legal: Pending[] = [];
    for (const pending of batch) {
      const attempt = new Map<string, Order>();
      try {
        for (const event of pending.events) {
          const current = attempt.get(event.orderId) ?? scratch.get(event.orderId) ?? this.state.order(event.orderId);
          attempt.set(event.orderId, applyOrderEvent(current, event));
        }
      } catch (error) {
        pending.reject(error);
        continue;
      }
      for (const [orderId, order] of attempt) scratch.set(orderId, order);
      legal.push(pending);
    }
    if (legal.length === 0) return;
    let seq = this.state.lastSeq;
    const records = legal.map((pending) => pending.events.map((event) => ({ seq: (seq += 1), event })));
    try {
      await this.journal.append(records.flat());
    } catch (error) {
      await this.afterFailedAppend(legal, records, error);
      return;
    }
    this.stats.batches += 1;
    this.stats.records += seq - this.state.lastSeq;
    this.applyAll(legal, records);
  }

  private applyAll(batch: readonly Pending[], records: readonly JournalRecord[][]): void {
    const envelopes = records.map(() => [] as EngineEventEnvelope[]);
    try {
      records.forEach((commit, index) => {
        for (const record of commit) (envelopes[index] as EngineEventEnvelope[]).push(this.applyAndPublish(record));
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => pending.resolve(envelopes[index] as EngineEventEnvelope[]));
  }

  private async afterFailedAppend(batch: Pending[], records: readonly JournalRecord[][], error: unknown): Promise<void> {
    let applied: EngineEventEnvelope[];
    try {
      applied = await this.reconcile(error);
    } catch (halted) {
      for (const pending of batch) pending.reject(halted);
      return;
    }
    const bySeq = new Map(applied.map((envelope) => [envelope.seq, envelope]));
    const landedCommit = (commit: readonly JournalRecord[]) =>
      commit.every((record) => {
        const envelope = bySeq.get(record.seq);
        return envelope !== undefined && envelope.event.type === record.event.type && envelope.event.orderId === record.event.orderId;
      });
    if (records.every(landedCommit)) {
      this.options.logger.warn({ err: error, seqs: [records[0]?.[0]?.seq, records.at(-1)?.at(-1)?.seq] }, 'journal append reported an error but its records landed; continuing');
      batch.forEach((pending, index) => pending.resolve((records[index] ?? []).map((record) => bySeq.get(record.seq) as EngineEventEnvelope)));
      return;
    }
    if (error instanceof DuplicateClientOrderIdError && batch.length > 1) {
      // One commit reused a client order id; write them one by one so only that one fails.
      for (const pending of batch) await this.write([pending]);
      return;
    }
    if (error instanceof DuplicateClientOrderIdError) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    if (error instanceof JournalSequenceConflictError || applied.length > 0) {
      this.options.logger.error({ err: error }, 'another writer is appending to this journal');
    }
    const unavailable = new JournalUnavailableError('The journal could not record this command, so nothing was changed. Try again.', error);
    for (const pending of batch) pending.reject(unavailable);
  }

  /**
   * Brings memory up to the journal's end: applies (and publishes) every record after our last
   * seq, retrying with backoff while the database cannot be read. Holding the queue meanwhile is
   * the point — a new batch computed from a stale lastSeq would collide with what landed.
   */
  private async reconcile(cause: unknown): Promise<EngineEventEnvelope[]> {
    const applied: EngineEventEnvelope[] = [];
    const backoff = new Backoff(this.options.retry);
    let final = false;
    for (;;) {
      if (this.halted) throw this.halted;
      try {
        // An append cut off mid-statement may still commit: read only once its outcome is final.
        if (!final) await this.journal.awaitFinalOutcome(cause);
        final = true;
        for (let page = await this.journal.readAfter(this.state.lastSeq, RECONCILE_PAGE); page.length > 0; page = await this.journal.readAfter(this.state.lastSeq, RECONCILE_PAGE)) {
          for (const record of page) applied.push(this.applyAndPublish(record));
        }
        return applied;
      } catch (error) {
        if (this.halted) throw this.halted;
        const delayMs = backoff.next();
        this.options.logger.warn({ err: error, appendError: cause, retryInMs: delayMs }, 'journal unreadable after a failed append; holding commits until it is re-read');
        await sleep(delayMs, this.stopping.signal);
      }
    }
  }

  private applyAndPublish(record: JournalRecord): EngineEventEnvelope {
    let order: Order;
    try {
      order = this.state.apply(record);
    } catch (error) {
      // The record is in the journal but memory refused it: nothing computed from memory is safe.
      this.halted = new JournalUnavailableError('The engine stopped accepting commands after an internal fault.', error);
      this.stopping.abort();
      this.options.onFatal(error);
      throw this.halted;
    }
    // The order as it stands after this event, frozen for consumers: memory keeps changing it.
    const envelope = { seq: record.seq, event: record.event, order: { ...order } };
    this.published.publish(envelope);
    return envelope;
  }
}
