import type { FoldRules, Journal, SnapshotStore } from '@strikedesk/db/client';
import { TradingState } from '../orders/trading-state.ts';
import { decodeSnapshot, SNAPSHOT_FORMAT } from './snapshot-codec.ts';

const REPLAY_PAGE = 5_000;

export type RecoveredState = {
  state: TradingState;
  snapshotSeq: number | null;
  replayed: number;
  /** Where the time went: loading and decoding the snapshot, reading and folding the journal after it. */
  millis: { snapshot: number; replay: number };
};

/**
 * The trading state as the journal defines it: the newest snapshot (if any, and if usable) plus the
 * journal after it, folded record by record under the journal's fold rules. A snapshot that cannot
 * be decoded is ignored and the whole journal is replayed. One beyond the journal's end (a restored
 * or reset database) was folded from another history: the engine (`recordRules`, the journal's
 * only writer) deletes it — left, it would be loaded once the journal grew past its seq, and the
 * new journal's tail folded onto the old history's state.
 */
export async function recoverState(
  journal: Journal,
  snapshots: SnapshotStore,
  logger: { warn(details: object, message: string): void },
  options: { recordRules: boolean } = { recordRules: true },
): Promise<RecoveredState> {
  const started = performance.now();
  const recordedRules = await journal.foldRules();
  // A rule not recorded yet: this is the first start that knows it. The journal so far was decided
  // without it; it begins after the journal's end (recorded below, by the engine only — a snapshot
  // worker runs after the engine's start has recorded it).
  const missing = recordedRules.booksClosedOutsideFrom === undefined;
  if (missing && !options.recordRules) throw new Error('the fold rules are not recorded yet: the engine records them at start');
  const rules: FoldRules = { booksClosedOutsideFrom: recordedRules.booksClosedOutsideFrom ?? Number.MAX_SAFE_INTEGER };
  let state = new TradingState(rules);
  let snapshotSeq: number | null = null;
  const stored = await snapshots.latest(SNAPSHOT_FORMAT);
  if (stored) {
    const journalEnd = await journal.lastSeq();
    if (stored.seq > journalEnd) {
      const discarded = options.recordRules ? await snapshots.discardAfter(journalEnd) : 0;
      logger.warn({ snapshotSeq: stored.seq, journalEnd, discarded }, 'snapshot is ahead of the journal (another history): replaying the whole journal');
    } else {
      try {
        state = TradingState.fromSnapshot(decodeSnapshot(stored.state), rules);
        snapshotSeq = stored.seq;
      } catch (error) {
        logger.warn({ err: error, snapshotSeq: stored.seq }, 'snapshot unreadable; replaying the whole journal');
        state = new TradingState(rules);
      }
    }
  }
  const loaded = performance.now();
  let replayed = 0;
  for (let page = await journal.readAfter(state.lastSeq, REPLAY_PAGE); page.length > 0; page = await journal.readAfter(state.lastSeq, REPLAY_PAGE)) {
    for (const record of page) state.apply(record);
    replayed += page.length;
  }
  if (missing) {
    const recorded = await journal.recordFoldRules({ booksClosedOutsideFrom: state.lastSeq + 1 });
    state.adoptRules({ booksClosedOutsideFrom: recorded.booksClosedOutsideFrom ?? state.lastSeq + 1 });
  }
  return { state, snapshotSeq, replayed, millis: { snapshot: loaded - started, replay: performance.now() - loaded } };
}
