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
};

const RECONCILE_PAGE = 1_000;

/**
 * The single writer of the journal. Commits run one at a time (a global promise chain) so seq is
 * contiguous across accounts: each commit checks legality against current state, appends to
 * Postgres, and only then applies to memory and publishes.
 *
 * A failed append has an unknown outcome (the connection may have dropped after the commit), so
 * before the next commit may run the writer re-reads the journal after its last seq and applies
 * whatever landed, retrying while the database is unreachable. Only then does the failed commit
 * learn whether its own records are in: if so it succeeds like any other commit.
 */
export class JournalWriter {
  private chain: Promise<unknown> = Promise.resolve();
  /** Set once the writer refuses all further commits (fatal fault or shutdown). */
  private halted: JournalUnavailableError | null = null;
  private readonly stopping = new AbortController();

  constructor(
    private readonly journal: Journal,
    private readonly state: TradingState,
    private readonly published: Topic<EngineEventEnvelope>,
    private readonly options: JournalWriterOptions,
  ) {}

  commit(events: readonly EngineEvent[]): Promise<EngineEventEnvelope[]> {
    const run = async (): Promise<EngineEventEnvelope[]> => {
      if (this.halted) throw this.halted;
      // Refuse to journal an illegal transition (throws IllegalTransitionError) before touching the DB.
      const scratch = new Map<string, Order>();
      for (const event of events) {
        scratch.set(event.orderId, applyOrderEvent(scratch.get(event.orderId) ?? this.state.order(event.orderId), event));
      }
      const records = events.map((event, index) => ({ seq: this.state.lastSeq + 1 + index, event }));
      try {
        await this.journal.append(records);
      } catch (error) {
        return this.afterFailedAppend(records, error);
      }
      return records.map((record) => this.applyAndPublish(record));
    };
    const result = this.chain.then(run, run);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Stops retrying and refuses further commits: the engine is going away (replay recovers). */
  close(): void {
    this.halted ??= new JournalUnavailableError('The engine is shutting down; try again once it is back.');
    this.stopping.abort();
  }

  private async afterFailedAppend(records: readonly JournalRecord[], error: unknown): Promise<EngineEventEnvelope[]> {
    const applied = await this.reconcile(error);
    const ours = records.map((record) => applied.find((envelope) => envelope.seq === record.seq));
    const landed = ours.every(
      (envelope, index) => envelope !== undefined && envelope.event.type === records[index]?.event.type && envelope.event.orderId === records[index]?.event.orderId,
    );
    if (landed) {
      this.options.logger.warn({ err: error, seqs: records.map((r) => r.seq) }, 'journal append reported an error but its records landed; continuing');
      return ours.filter((envelope) => envelope !== undefined);
    }
    if (error instanceof DuplicateClientOrderIdError) throw error;
    if (error instanceof JournalSequenceConflictError || ours.some((envelope) => envelope !== undefined)) {
      this.options.logger.error({ err: error }, 'another writer is appending to this journal');
    }
    throw new JournalUnavailableError('The journal could not record this command, so nothing was changed. Try again.', error);
  }

  /**
   * Brings memory up to the journal's end: applies (and publishes) every record after our last
   * seq, retrying with backoff while the database cannot be read. Holding the chain meanwhile is
   * the point — a new commit computed from a stale lastSeq would collide with what landed.
   */
  private async reconcile(cause: unknown): Promise<EngineEventEnvelope[]> {
    const applied: EngineEventEnvelope[] = [];
    const backoff = new Backoff(this.options.retry);
    for (;;) {
      if (this.halted) throw this.halted;
      try {
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
    const envelope = { seq: record.seq, event: record.event, order };
    this.published.publish(envelope);
    return envelope;
  }
}
