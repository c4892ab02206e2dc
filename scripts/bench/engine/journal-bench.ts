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
 * - optionally the open loop again through one tRPC WebSocket client, as the gateway connects.
 *
 * Accounts rotate so none exceeds ~3 orders/s (SEBI: 10/s per segment; broker 400/min): the
 * risk limits stay on and are not what is measured.
 */
import { asAccountId, asUserId, type AccountId, type Instrument, type Order, type PlaceOrderInput, type UserId } from '@strikedesk/domain';
import type { Journal } from '@strikedesk/db/client';
import { createTestDatabase, type TestDatabase } from '@strikedesk/db/testing';
import { pino } from 'pino';
import { startEngine, type RunningEngine } from '../../../apps/engine/src/engine.ts';
import { loadEngineEnv } from '../../../apps/engine/src/env.ts';
import { connectEngine } from '../../../apps/engine/src/testing/engine-client.ts';
import { TEST_TOKEN } from '../../../apps/engine/src/testing/test-engine.ts';
import { benchUuid, tradablePool } from './core-workload.ts';
import { percentiles, round, sleep, type Percentiles } from './stats.ts';

export type JournalBenchOptions = {
  accounts: number;
  /** Offered rate of the open-loop run (orders/s) and its length. */
  rate: number;
  seconds: number;
  /** Submits in flight during the closed-loop run. */
  concurrency: number;
  /** Also run the open loop through the tRPC WebSocket client (rate × this factor). */
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
};

export type JournalBenchResult = { openLoop: LoadResult; lighterOpenLoop: LoadResult | null; closedLoop: LoadResult; websocket: LoadResult | null; journalRecords: number };

type Trader = { accountId: AccountId; userId: UserId; instruments: Instrument[] };
type Submit = (trader: Trader, order: PlaceOrderInput) => Promise<Order>;

function makeTraders(engine: RunningEngine, count: number): Trader[] {
  const pool = tradablePool(engine.services.catalog.chains);
  return Array.from({ length: count }, (_, index) => ({
    accountId: asAccountId(benchUuid('c0000000', index + 1)),
    userId: asUserId(benchUuid('d0000000', index + 1)),
    instruments: Array.from({ length: 6 }, (_, k) => pool[(index * 7 + k * 13) % pool.length] as Instrument),
  }));
}

/** 50% MARKET (→ FILLED), 20% LIMIT at the touch (→ FILLED), 30% LIMIT resting 1–5% away (→ OPEN); 1–4 lots. */
function orderFor(engine: RunningEngine, trader: Trader, n: number): PlaceOrderInput {
  const instrument = trader.instruments[n % trader.instruments.length] as Instrument;
  const side = (n >> 1) % 2 === 0 ? 'BUY' : 'SELL';
  const base = { instrumentId: instrument.id, side, product: 'NRML', quantity: (1 + (n % 4)) * instrument.lotSize, triggerPrice: null } as const;
  const tick = engine.services.market.latest(instrument.id);
  const kind = n % 10;
  if (kind < 5 || !tick || tick.bid === null || tick.ask === null) return { ...base, type: 'MARKET', price: null };
  if (kind < 7) return { ...base, type: 'LIMIT', price: side === 'BUY' ? tick.ask : tick.bid };
  const away = 0.01 + (n % 5) * 0.01;
  const step = instrument.tickSize;
  const price = side === 'BUY' ? Math.max(step, Math.floor((tick.bid * (1 - away)) / step) * step) : Math.ceil((tick.ask * (1 + away)) / step) * step;
  return { ...base, type: 'LIMIT', price: price as PlaceOrderInput['price'] };
}

/**
 * Latency of every submit that resolved, whatever the answer: an order the broker had not answered
 * within the OrderManager's acknowledgement timeout (1.5 s) comes back SUBMITTED and counts with
 * its latency (it was not acknowledged in time). Only OPEN/FILLED count as acknowledged orders.
 */
class Recorder {
  readonly latencies: number[] = [];
  readonly statuses: Record<string, number> = {};
  errors = 0;
  firstError: string | null = null;
  acked = 0;
  lastAnswerAt = 0;
  readonly inFlight = new Set<Promise<void>>();

  /** `scheduledAt`: when an open loop meant to send it — a stalled engine delays the sending too, and that wait counts. */
  track(promise: Promise<Order>, scheduledAt = performance.now()): Promise<void> {
    const started = scheduledAt;
    const done = promise.then(
      (order) => {
        const now = performance.now();
        this.lastAnswerAt = now;
        this.statuses[order.status] = (this.statuses[order.status] ?? 0) + 1;
        this.latencies.push(now - started);
        if (order.status === 'OPEN' || order.status === 'FILLED') this.acked += 1;
      },
      (error: unknown) => {
        this.errors += 1;
        this.firstError ??= error instanceof Error ? error.message : String(error);
      },
    );
    const tracked = done.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
    return tracked;
  }

  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }
}

async function measure(engine: RunningEngine, inserts: TimedJournal, offered: number | null, run: (recorder: Recorder) => Promise<{ sent: number; sustained: boolean }>): Promise<LoadResult> {
  const before = { ...engine.services.writer.stats };
  const insertsBefore = inserts.millis.length;
  const recorder = new Recorder();
  const started = performance.now();
  const { sent, sustained } = await run(recorder);
  await recorder.settled();
  const seconds = (recorder.lastAnswerAt - started) / 1_000;
  const { batches, records } = engine.services.writer.stats;
  return {
    offered,
    sent,
    ordersPerSec: round(recorder.acked / seconds),
    latencyMillis: percentiles(recorder.latencies),
    statuses: recorder.statuses,
    errors: recorder.errors,
    firstError: recorder.firstError,
    sustained,
    recordsPerBatch: round((records - before.records) / Math.max(1, batches - before.batches), 1),
    insertMillis: percentiles(inserts.millis.slice(insertsBefore)),
    batchesPerSec: round((batches - before.batches) / seconds),
  };
}

/**
 * Starts `rate` orders per second on schedule for `seconds`, rotating over the traders. Stops
 * early (not sustained) once more than half a second's worth of orders await an answer: past that
 * the run only measures a growing queue.
 */
function openLoop(engine: RunningEngine, inserts: TimedJournal, traders: Trader[], submit: Submit, rate: number, seconds: number, offset: number): Promise<LoadResult> {
  return measure(engine, inserts, rate, async (recorder) => {
    const total = Math.round(rate * seconds);
    const started = performance.now();
    let sent = 0;
    while (sent < total) {
      if (recorder.inFlight.size > Math.max(500, rate / 2)) return { sent, sustained: false };
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1_000) * rate));
      for (; sent < due; sent += 1) {
        const trader = traders[(offset + sent) % traders.length] as Trader;
        void recorder.track(submit(trader, orderFor(engine, trader, offset + sent)), started + (sent * 1_000) / rate);
      }
      await sleep(1);
    }
    return { sent, sustained: true };
  });
}

/** Keeps `concurrency` submits in flight for `seconds`. */
function closedLoop(engine: RunningEngine, inserts: TimedJournal, traders: Trader[], submit: Submit, concurrency: number, seconds: number, offset: number): Promise<LoadResult> {
  return measure(engine, inserts, null, async (recorder) => {
    const deadline = performance.now() + seconds * 1_000;
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const n = offset + sent++;
        const trader = traders[n % traders.length] as Trader;
        await recorder.track(submit(trader, orderFor(engine, trader, n)));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { sent, sustained: true };
  });
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

    log('  warm-up: 3 s at 1,000 orders/s …');
    await openLoop(running, inserts, traders, direct, 1_000, 3, next(3_000));
    log(`  closed loop: ${options.concurrency} submits in flight for ${options.seconds} s …`);
    const closed = await closedLoop(running, inserts, traders, direct, options.concurrency, options.seconds, offset);
    offset += closed.sent;
    await sleep(1_000);
    log(`  open loop: ${options.rate.toLocaleString('en-US')} orders/s offered for ${options.seconds} s …`);
    const open = await openLoop(running, inserts, traders, direct, options.rate, options.seconds, next(options.rate * options.seconds));
    // When the target rate is beyond what the engine sustains, also the latency at a load it does sustain.
    const comfortable = Math.min(options.rate, Math.floor((closed.ordersPerSec * 0.6) / 100) * 100);
    let lighter: LoadResult | null = null;
    if (comfortable < options.rate && comfortable > 0) {
      await sleep(3_000);
      log(`  open loop: ${comfortable.toLocaleString('en-US')} orders/s (60% of the closed-loop rate) for ${options.seconds} s …`);
      lighter = await openLoop(running, inserts, traders, direct, comfortable, options.seconds, next(comfortable * options.seconds));
    }
    let websocket: LoadResult | null = null;
    if (options.websocket) {
      await sleep(3_000);
      const connection = connectEngine(running.url);
      try {
        const viaSocket: Submit = (trader, order) => connection.client.orders.submit.mutate({ accountId: trader.accountId, userId: trader.userId, order, origin: 'API' });
        await openLoop(running, inserts, traders, viaSocket, 200, 1, next(200));
        const rate = lighter?.offered ?? options.rate;
        log(`  open loop through one tRPC WebSocket client: ${rate.toLocaleString('en-US')} orders/s for ${options.seconds} s …`);
        websocket = await openLoop(running, inserts, traders, viaSocket, rate, options.seconds, next(rate * options.seconds));
      } finally {
        connection.close();
      }
    }
    return { openLoop: open, lighterOpenLoop: lighter, closedLoop: closed, websocket, journalRecords: running.services.state.lastSeq };
  } finally {
    await engine?.close();
    await database.drop();
  }
}
