/**
 * Part 3 of bench:engine — restart to ready over a journal of ≥ 1,000,000 events.
 *
 * The journal is real: the in-memory core (CoreWorkload, the same order flow as part 1) decides
 * and folds every event, and the records are bulk-inserted into engine_events of a scratch
 * database (one INSERT … SELECT FROM jsonb_array_elements per 20,000 records, the columns exactly
 * as packages/db/src/journal.ts writes them). A snapshot is taken by the engine's own snapshot
 * worker (SnapshotScheduler.snapshotNow) after all but the last SNAPSHOT_EVERY_EVENTS (50,000, the
 * engine default) events, so the restart replays the tail an engine running with the default
 * setting could at worst have to; the journal ends with every resting order cancelled, so start-up
 * reconciliation with the (in-process) paper broker finds nothing to settle.
 *
 * Restart = startEngine() until it resolves (migrations check, snapshot load + decode, journal tail
 * replay, risk books, broker resume, start-up reconciliation, WebSocket listening), wall time and
 * the engine's own `recovered.millis`; then the recovered state is checked against the generator's
 * (last seq, order count, trade ids, every position of a sample of accounts). The same is timed
 * again with the snapshots deleted (full replay), for comparison.
 */
import { deepStrictEqual } from 'node:assert';
import type { AccountId, PositionState } from '@strikedesk/domain';
import { createJournal, createPool, type JournalRecord, type Pool } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { pino } from 'pino';
import { startEngine, type RunningEngine } from '../../../apps/engine/src/engine.ts';
import { loadEngineEnv } from '../../../apps/engine/src/env.ts';
import type { TradingState } from '../../../apps/engine/src/orders/trading-state.ts';
import { SnapshotScheduler } from '../../../apps/engine/src/snapshots/snapshot-scheduler.ts';
import { ManualClock, TEST_TOKEN } from '../../../apps/engine/src/testing/test-engine.ts';
import { CoreWorkload } from './core-workload.ts';
import { round } from './stats.ts';

export type RestartBenchOptions = { events: number; tailEvents: number };

export type RestartRun = { wallMillis: number; recoveredMillis: number; snapshotSeq: number | null; replayed: number };

export type RestartBenchResult = {
  events: number;
  orders: number;
  build: { seconds: number; recordsPerSec: number };
  snapshot: { seq: number; bytes: number; workerMillis: number };
  withSnapshot: RestartRun;
  withoutSnapshot: RestartRun;
  journalMB: number;
};

const INSERT_CHUNK = 20_000;

/** What the restarted engine must reproduce. */
type Expected = { lastSeq: number; orders: number; trades: number; positions: Map<AccountId, PositionState[]> };

const byKey = (positions: PositionState[]): PositionState[] =>
  [...positions].sort((a, b) => `${a.instrumentId}|${a.product}`.localeCompare(`${b.instrumentId}|${b.product}`));

function summarize(state: TradingState, sample: readonly AccountId[]): Expected {
  return {
    lastSeq: state.lastSeq,
    orders: state.accounts().reduce((total, accountId) => total + state.ordersOf(accountId).length, 0),
    trades: state.knownTradeIds().length,
    positions: new Map(sample.map((accountId) => [accountId, byKey([...state.positionsOf(accountId), ...state.bookPositionsOf(accountId)])])),
  };
}

function verify(engine: RunningEngine, expected: Expected, sample: readonly AccountId[]): void {
  const actual = summarize(engine.services.state, sample);
  if (actual.lastSeq !== expected.lastSeq) throw new Error(`recovered lastSeq ${actual.lastSeq}, journal has ${expected.lastSeq}`);
  if (actual.orders !== expected.orders) throw new Error(`recovered ${actual.orders} orders, expected ${expected.orders}`);
  if (actual.trades !== expected.trades) throw new Error(`recovered ${actual.trades} trade ids, expected ${expected.trades}`);
  if (engine.services.state.openOrders().length !== 0) throw new Error('recovered open orders; the journal ends with none');
  deepStrictEqual(actual.positions, expected.positions, 'recovered positions differ from the fold that wrote the journal');
}

type Built = { expected: Expected; sample: AccountId[]; endTime: number; seconds: number; snapshot: { seq: number; bytes: number; millis: number } };

/** Generates the journal into the database and snapshots it; the generator's state is dropped on return. */
async function buildJournal(database: TestDatabase, pool: Pool, options: RestartBenchOptions, log: (line: string) => void): Promise<Built> {
  let chunk: JournalRecord[] = [];
  let inserting: Promise<unknown> = Promise.resolve();
  const journal = createJournal(pool);
  const workload = await CoreWorkload.create({ accounts: 1_000, commandsPerAccountPerSecond: 6, seed: 11, onRecord: (record) => chunk.push(record) });
  const flush = async (): Promise<void> => {
    const rows = chunk;
    chunk = [];
    await inserting; // one write in flight while the next chunk is generated
    inserting = journal.append(rows);
  };
  // With `finish`, stop early enough that cancelling what still rests (2 events each) reaches `until`.
  const reserve = (finish: boolean): number => (finish ? 2 * workload.accounts.reduce((total, account) => total + account.resting.length, 0) : 0);
  const generate = async (until: number, finish: boolean): Promise<void> => {
    while (workload.state.lastSeq + reserve(finish) < until) {
      for (let count = 0; count < 64 && workload.state.lastSeq < until; count += 1) {
        if (workload.advance()) workload.stepMarket();
        workload.execute(workload.next());
      }
      if (chunk.length >= INSERT_CHUNK) await flush();
    }
    if (finish) workload.cancelAllResting();
    await flush();
    await inserting;
  };
  const started = performance.now();
  const snapshotAt = options.events - options.tailEvents;
  log(`  journal: generating and inserting ${snapshotAt.toLocaleString('en-US')} events …`);
  await generate(snapshotAt, false);
  const firstPart = performance.now() - started;

  // The engine's own snapshot worker: it folds the journal as a restart does and stores the state.
  log('  snapshot: the engine snapshot worker folds the journal …');
  const scheduler = new SnapshotScheduler({ databaseUrl: database.url, everyEvents: options.tailEvents, lastSeq: () => workload.state.lastSeq, logger: { info: () => undefined, error: () => undefined } }, 0);
  const snapshot = await scheduler.snapshotNow();
  if ('error' in snapshot) throw new Error(`snapshot failed: ${snapshot.error}`);

  log(`  journal: ${options.tailEvents.toLocaleString('en-US')} more events after the snapshot, then every resting order cancelled …`);
  const tailStarted = performance.now();
  await generate(options.events, true);
  const seconds = (firstPart + performance.now() - tailStarted) / 1_000;
  const sample = workload.accounts.filter((_, index) => index % 97 === 0).map((account) => account.accountId);
  return { expected: summarize(workload.state, sample), sample, endTime: workload.now, seconds, snapshot };
}

export async function runRestartBench(options: RestartBenchOptions, log: (line: string) => void): Promise<RestartBenchResult> {
  const database: TestDatabase = await createTestDatabase();
  const pool = createPool(database.url, { max: 2 });
  try {
    const { expected, sample, endTime, seconds, snapshot } = await buildJournal(database, pool, options, log);
    const size = await pool.query<{ bytes: number }>("SELECT pg_total_relation_size('engine_events')::bigint AS bytes");

    const env = loadEngineEnv({ ENGINE_PORT: '0', ENGINE_TOKEN: TEST_TOKEN, DATABASE_URL: database.url, RECORD_TICKS: 'false', LOG_LEVEL: 'silent' });
    const restart = async (): Promise<RestartRun> => {
      const started = performance.now();
      const engine = await startEngine(env, { logger: pino({ level: 'silent' }), clock: new ManualClock(endTime + 1_000), autoStep: false, background: false });
      const wallMillis = performance.now() - started;
      try {
        verify(engine, expected, sample);
        const { phases } = engine.recovered;
        log(`    snapshot ${round(phases.snapshotMillis)} ms, journal tail ${round(phases.replayMillis)} ms, reconciliation ${round(phases.reconcileMillis)} ms`);
        return { wallMillis: round(wallMillis), recoveredMillis: round(engine.recovered.millis), snapshotSeq: engine.recovered.snapshotSeq, replayed: engine.recovered.replayed };
      } finally {
        await engine.close();
      }
    };
    log('  restart with the snapshot …');
    const withSnapshot = await restart();
    if (withSnapshot.snapshotSeq !== snapshot.seq) throw new Error(`restart used snapshot ${withSnapshot.snapshotSeq}, expected ${snapshot.seq}`);
    await pool.query('DELETE FROM engine_snapshots');
    log('  restart without a snapshot (full replay) …');
    const withoutSnapshot = await restart();
    return {
      events: expected.lastSeq,
      orders: expected.orders,
      build: { seconds: round(seconds, 1), recordsPerSec: round(expected.lastSeq / seconds) },
      snapshot: { seq: snapshot.seq, bytes: snapshot.bytes, workerMillis: round(snapshot.millis) },
      withSnapshot,
      withoutSnapshot,
      journalMB: round((size.rows[0]?.bytes ?? 0) / 1e6),
    };
  } finally {
    await pool.end();
    await database.drop();
  }
}
