import type { FoldRules, Journal, JournalRecord } from '@strikedesk/db/client';

/**
 * How one append goes wrong: `before` — the database never sees it (e.g. refused); `after` — the
 * rows are committed but the caller still gets an error (the connection reset after the commit);
 * `late` — the caller gets its error first and the server commits the rows afterwards (the
 * connection was cut once the rows were sent): they become visible when the caller waits for
 * the append's final outcome.
 */
export type AppendFault = 'before' | 'after' | 'late';

/** The connection error pg raises when the backend goes away mid-query. */
export const connectionLost = (): Error => new Error('Connection terminated unexpectedly');

/**
 * The real journal with faults a test switches on: every call goes to the real Postgres-backed
 * journal unless a fault is armed for it. Not a mock — what lands, lands for real.
 */
export class FaultyJournal implements Journal {
  /** Decides per append whether (and how) it fails; null = never. */
  appendFault: ((records: readonly JournalRecord[]) => AppendFault | null) | null = null;
  /** This many upcoming readAfter calls fail before reaching the database. */
  failReads = 0;
  /** Called after a real append succeeded (before any `after` fault is thrown). */
  onAppended: ((records: readonly JournalRecord[]) => void) | null = null;
  readonly calls = { append: 0, readAfter: 0, failedReads: 0 };
  /** Rows of a `late` append the server has not committed yet. */
  private late: readonly JournalRecord[] | null = null;

  constructor(private readonly real: Journal) {}

  async append(records: readonly JournalRecord[]): Promise<void> {
    this.calls.append += 1;
    const fault = this.appendFault?.(records) ?? null;
    if (fault === 'before') throw connectionLost();
    if (fault === 'late') {
      this.late = records;
      throw connectionLost();
    }
    await this.real.append(records);
    this.onAppended?.(records);
    if (fault === 'after') throw connectionLost();
  }

  async readAfter(afterSeq: number, limit?: number): Promise<JournalRecord[]> {
    this.calls.readAfter += 1;
    if (this.failReads > 0) {
      this.failReads -= 1;
      this.calls.failedReads += 1;
      throw connectionLost();
    }
    return this.real.readAfter(afterSeq, limit);
  }

  readOrders(orderIds: readonly string[], upToSeq: number): Promise<JournalRecord[]> {
    return this.real.readOrders(orderIds, upToSeq);
  }

  lastSeq(): Promise<number> {
    return this.real.lastSeq();
  }

  foldRules(): Promise<Partial<FoldRules>> {
    return this.real.foldRules();
  }

  recordFoldRules(rules: FoldRules): Promise<Partial<FoldRules>> {
    return this.real.recordFoldRules(rules);
  }

  async awaitFinalOutcome(error: unknown): Promise<void> {
    const late = this.late;
    this.late = null;
    if (late) await this.real.append(late);
    return this.real.awaitFinalOutcome(error);
  }

  /** Arms `fault` for the next `times` appends that `matches`. */
  failAppends(fault: AppendFault, matches: (records: readonly JournalRecord[]) => boolean, times = 1): void {
    let left = times;
    this.appendFault = (records) => {
      if (left === 0 || !matches(records)) return null;
      left -= 1;
      return fault;
    };
  }
}

export const hasEventType =
  (type: string) =>
  (records: readonly JournalRecord[]): boolean =>
    records.some((record) => record.event.type === type);
