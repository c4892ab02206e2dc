/**
 * Part 2 of bench:engine — the full order path: a real engine (startEngine: migrations, the
 * in-process paper broker on the simulated market stepping every 250 ms, the JournalWriter's group
 * commit to a scratch PostgreSQL database; background timers off) and many accounts calling
 * `services.orders.submit` in-process, the way the tRPC handler does minus the WebSocket. Ack =
 * the submit promise resolving with the broker's answer (OPEN, or FILLED for a marketable order:
 * the OrderManager waits for the fill to be journaled too).
 *
 * - open loop at a fixed offered rate (default 5,000 orders/s, the target): orders start on a
 *   schedule whatever the engine does, so a slow engine shows as latency, not as a politer client;
 * - closed loop (saturation): N submits in flight at all times, for the highest sustained rate;
 * - optionally the open loop again through one tRPC WebSocket client on a worker thread, as the
 *   gateway connects from its own process (ws-load-worker.ts).
 *
 * Accounts rotate so none exceeds ~3 orders/s (SEBI: 10/s per segment; broker 400/min): the
 * risk limits stay on and are not what is measured.
 */
import { Worker } from 'node:worker_threads';
import { asAccountId, asUserId, type Instrument } from '@strikedesk/domain';
import type { Journal } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { pino } from 'pino';
import { startEngine, type RunningEngine } from '../../../apps/engine/src/engine.ts';
import { loadEngineEnv } from '../../../apps/engine/src/env.ts';
import { TEST_TOKEN } from '../../../apps/engine/src/testing/test-engine.ts';
import { benchUuid, tradablePool } from './core-workload.ts';
import { JournaledTimer } from './journaled-timer.ts';
import { openLoop, orderFor, Recorder, type RecordedRun, type Submit, type Touch, type Trader } from './order-flow.ts';
import { percentiles, round, sleep, type Percentiles } from './stats.ts';
import type { TouchUpdate, WebSocketLoadJob, WebSocketLoadMessage } from './ws-load-worker.ts';

export type JournalBenchOptions = {
  accounts: number;
  /** Offered rate of the open-loop run (orders/s) and its length. */
  rate: number;
  seconds: number;
  /** Submits in flight during the closed-loop run. */
  concurrency: number;
  /** Also run the open loop through a tRPC WebSocket client on its own thread. */
  websocket: boolean;
};

export type LoadResult = {
  offered: number | null;
  sent: number;
  /** Orders acknowledged OPEN or FILLED per second of the run (until the last answer). */
  ordersPerSec: number;
  latencyMillis: Percentiles;
  statuses: Record<string, number>;
  errors: number;
  firstError: string | null;
  /** False when the open loop stopped early: more than 0.5 s of orders were waiting for an answer. */
  sustained: boolean;
  recordsPerBatch: number;
  batchesPerSec: number;
  /** Latency of the journal's INSERTs during the run. */
  insertMillis: Percentiles;
  /** Open loops in-process: from each order's scheduled time to its first durable commit (ADR 0023, option 2). */
  journaledMillis?: Percentiles;
};

export type JournalBenchResult = { openLoop: LoadResult; lighterOpenLoop: LoadResult | null; closedLoop: LoadResult; websocket: LoadResult | null; journalRecords: number };

function makeTraders(engine: RunningEngine, count: number): Trader[] {
  const pool = tradablePool(engine.services.catalog.chains);
  return Array.from({ length: count }, (_, index) => ({
    accountId: asAccountId(benchUuid('c0000000', index + 1)),
    userId: asUserId(benchUuid('d0000000', index + 1)),
    instruments: Array.from({ length: 6 }, (_, k) => {
      const { id, lotSize, tickSize } = pool[(index * 7 + k * 13) % pool.length] as Instrument;
      return { id, lotSize, tickSize };
    }),
  }));
}

const touchOf = (engine: RunningEngine) => (instrumentId: string): Touch => engine.services.market.latest(instrumentId);

/** Engine-side figures of a run (group commit, INSERT latency) around what a recorder saw. */
async function measure(engine: RunningEngine, inserts: TimedJournal, offered: number | null, run: () => Promise<RecordedRun>, markStart?: (mark: () => void) => void): Promise<LoadResult> {
  let before = { ...engine.services.writer.stats };
  let insertsBefore = inserts.millis.length;
  markStart?.(() => {
    before = { ...engine.services.writer.stats };
    insertsBefore = inserts.millis.length;
  });
  const recorded = await run();
  const { batches, records } = engine.services.writer.stats;
  return {
    offered,
    sent: recorded.sent,
    ordersPerSec: round(recorded.acked / recorded.seconds),
    latencyMillis: percentiles(recorded.latencies),
    statuses: recorded.statuses,
    errors: recorded.errors,
    firstError: recorded.firstError,
    sustained: recorded.sustained,
    recordsPerBatch: round((records - before.records) / Math.max(1, batches - before.batches), 1),
    insertMillis: percentiles(inserts.millis.slice(insertsBefore)),
    batchesPerSec: round((batches - before.batches) / recorded.seconds),
  };
}

/** Keeps `concurrency` submits in flight for `seconds`. */
function closedLoop(engine: RunningEngine, inserts: TimedJournal, traders: Trader[], submit: Submit, concurrency: number, seconds: number, offset: number): Promise<LoadResult> {
  return measure(engine, inserts, null, async () => {
    const recorder = new Recorder();
    const startedAt = performance.now();
    const deadline = startedAt + seconds * 1_000;
    const touch = touchOf(engine);
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const n = offset + sent++;
        const trader = traders[n % traders.length] as Trader;
        await recorder.track(submit(trader, orderFor(trader, n, touch)));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return recorder.result({ sent, sustained: true, startedAt });
  });
}

/**
 * The open loop through a tRPC WebSocket client on a worker thread (the gateway's place), fed the
 * touch of every traded instrument every 100 ms; the engine figures cover only its measured run.
 */
function webSocketLoop(engine: RunningEngine, inserts: TimedJournal, job: Omit<WebSocketLoadJob, 'url'>): Promise<LoadResult> {
  const worker = new Worker(new URL('./ws-load-worker.mjs', import.meta.url), { workerData: { ...job, url: engine.url } satisfies WebSocketLoadJob });
  const instruments = [...new Set(job.traders.flatMap((trader) => trader.instruments.map((instrument) => instrument.id)))];
  const sendTouches = (): void => {
    const update: TouchUpdate = { touches: instruments.map((id) => { const tick = engine.services.market.latest(id); return [id, tick?.bid ?? null, tick?.ask ?? null]; }) };
    worker.postMessage(update);
  };
  sendTouches();
  const feeding = setInterval(sendTouches, 100);
  return measure(
    engine,
    inserts,
    job.rate,
    () =>
      new Promise<RecordedRun>((resolve, reject) => {
        worker.on('message', (message: WebSocketLoadMessage) => {
          if (message.kind === 'result') resolve(message.run);
          if (message.kind === 'failed') reject(new Error(`WebSocket client: ${message.message}`));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`WebSocket client thread exited (${code}) before its result`)));
      }).finally(() => clearInterval(feeding)),
    (mark) => worker.on('message', (message: WebSocketLoadMessage) => message.kind === 'measuring' && mark()),
  );
}

/** The engine's real journal, timing each INSERT (the floor under any submit→ack latency). */
class TimedJournal {
  readonly millis: number[] = [];
  wrap(journal: Journal): Journal {
    return {
      ...journal,
      append: async (records) => {
        const started = performance.now();
        await journal.append(records);
        this.millis.push(performance.now() - started);
      },
    };
  }
}

export async function runJournalBench(options: JournalBenchOptions, log: (line: string) => void): Promise<JournalBenchResult> {
  const database: TestDatabase = await createTestDatabase();
  const inserts = new TimedJournal();
  let engine: RunningEngine | null = null;
  try {
    const env = loadEngineEnv({ ENGINE_PORT: '0', ENGINE_TOKEN: TEST_TOKEN, DATABASE_URL: database.url, RECORD_TICKS: 'false', LOG_LEVEL: 'silent' });
    engine = await startEngine(env, {
      logger: pino({ level: 'silent' }),
      background: false,
      autoStep: true,
      wrapJournal: (journal) => inserts.wrap(journal),
    });
    const running = engine;
    const traders = makeTraders(running, options.accounts);
    const direct: Submit = (trader, order) => running.services.orders.submit({ accountId: trader.accountId, userId: trader.userId, order, origin: 'API' });
    let offset = 0;
    const next = (count: number): number => ((offset += count), offset - count);
    const touch = touchOf(running);
    const runOpen = async (rate: number, seconds: number): Promise<LoadResult> => {
      const journaled = new JournaledTimer((signal) => running.services.events.stream(null, signal));
      const onSend = (trader: Trader, scheduledAt: number): void => journaled.sent(trader.accountId, scheduledAt);
      const result = await measure(running, inserts, rate, () => openLoop({ recorder: new Recorder(), traders, submit: direct, touch, rate, seconds, offset: next(rate * seconds), onSend }));
      return { ...result, journaledMillis: percentiles(await journaled.stop()) };
    };

    log('  warm-up: 3 s at 1,000 orders/s …');
    await runOpen(1_000, 3);
    log(`  closed loop: ${options.concurrency} submits in flight for ${options.seconds} s …`);
    const closed = await closedLoop(running, inserts, traders, direct, options.concurrency, options.seconds, offset);
    offset += closed.sent;
    await sleep(1_000);
    log(`  open loop: ${options.rate.toLocaleString('en-US')} orders/s offered for ${options.seconds} s …`);
    const open = await runOpen(options.rate, options.seconds);
    // When the target rate is beyond what the engine sustains, also the latency at a load it does sustain.
    const comfortable = Math.min(options.rate, Math.floor((closed.ordersPerSec * 0.6) / 100) * 100);
    let lighter: LoadResult | null = null;
    if (comfortable < options.rate && comfortable > 0) {
      await sleep(3_000);
      log(`  open loop: ${comfortable.toLocaleString('en-US')} orders/s (60% of the closed-loop rate) for ${options.seconds} s …`);
      lighter = await runOpen(comfortable, options.seconds);
    }
    let websocket: LoadResult | null = null;
    if (options.websocket) {
      await sleep(3_000);
      const rate = lighter?.offered ?? options.rate;
      log(`  open loop through one tRPC WebSocket client on its own thread: ${rate.toLocaleString('en-US')} orders/s for ${options.seconds} s …`);
      const warmup = { rate: 500, seconds: 2 };
      websocket = await webSocketLoop(running, inserts, { traders, rate, seconds: options.seconds, offset: next(warmup.rate * warmup.seconds + rate * options.seconds), warmup });
    }
    return { openLoop: open, lighterOpenLoop: lighter, closedLoop: closed, websocket, journalRecords: running.services.state.lastSeq };
  } finally {
    await engine?.close();
    await database.drop();
  }
}
