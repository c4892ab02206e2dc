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
import { Ledger, probeIdempotency, Trader, type EngineApi } from './crash-traders.ts';
import { SeededRandom } from './seeded-random.ts';
import { countBy, Gate, IN_FLIGHT_STATUSES, median, pickFault, pickInstruments, scratchDatabase, seededUuid, setVenueFaults, sleep, waitFor, type VenueFault } from './crash-support.ts';

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
