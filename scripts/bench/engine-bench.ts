/**
 * npm run bench:engine — the engine core's speed (issue 3, "Benchmark"; docs/benchmarks.md,
 * "Engine core"). Three parts, each in scripts/bench/engine/:
 *
 * 1. core (core-bench.ts): the in-memory core with no I/O — OrderDecider + TradingState with the
 *    engine's DecisionContext (catalog and live simulated ticks, halts, versioned account limits
 *    through the TradingRiskView incl. the SEBI/broker rate windows on a simulated clock, Greek
 *    limits), 1,000 accounts, submits/modifies/cancels with the broker's answers folded in.
 *    → coreCommandsPerSec, coreP99Micros (medians of the timed batches).
 * 2. journal (journal-bench.ts): a real engine on a scratch PostgreSQL database with the paper
 *    broker, orders submitted in-process by 2,000 accounts (no WebSocket; then one WebSocket
 *    client on a worker thread for comparison, as the gateway connects). → journaledOrdersPerSec
 *    (closed loop, the highest sustained rate) and submitAckP99Millis (open loop at the target
 *    5,000 orders/s; beside it, not in the JSON, the latency to each order's first durable commit).
 * 3. restart (restart-bench.ts): startEngine → ready over a ≥ 1,000,000-event journal with a
 *    snapshot (and without, for comparison), recovered state checked. → restartSeconds.
 *
 * Flags: --only=core,journal,restart  --events=N  --rate=N  --seconds=N  --concurrency=N  --no-ws
 *        --quick (small sizes, a smoke run; its figures are not the benchmark's).
 * Needs PostgreSQL for parts 2 and 3: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * on which scratch databases are created and dropped.
 *
 * Prints a table of figures and ends with exactly one JSON line:
 * {"coreCommandsPerSec":N,"coreP99Micros":N,"journaledOrdersPerSec":N,"submitAckP99Millis":N,"restartSeconds":N}
 * (null for a part not run).
 */
import { cpus } from 'node:os';
import { runCoreBench, type CoreBenchResult } from './engine/core-bench.ts';
import { runJournalBench, type JournalBenchResult, type LoadResult } from './engine/journal-bench.ts';
import { runRestartBench, type RestartBenchResult } from './engine/restart-bench.ts';
import { loadAverage, round, table, thousands } from './engine/stats.ts';

const TARGETS = { coreCommandsPerSec: 200_000, coreP99Micros: 50, journaledOrdersPerSec: 5_000, submitAckP99Millis: 10, restartSeconds: 5 };

const flag = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
const has = (name: string): boolean => process.argv.includes(`--${name}`);
const quick = has('quick');
const parts = new Set((flag('only') ?? 'core,journal,restart').split(','));
const seconds = Number(flag('seconds') ?? (quick ? 3 : 10));
const rate = Number(flag('rate') ?? 5_000);
const events = Number(flag('events') ?? (quick ? 100_000 : 1_000_000));
const log = (line: string): void => console.log(line);
const withLoad = (label: string): void => log(`${label} (load average ${loadAverage()})`);
const ms = (value: number): string => `${round(value, value < 10 ? 2 : 1)} ms`;

log(`bench:engine on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);

let core: CoreBenchResult | null = null;
let greekCore: CoreBenchResult | null = null;
if (parts.has('core')) {
  withLoad('\n[1/3] in-memory core: OrderDecider + TradingState, no I/O, 1,000 accounts');
  const sizes = quick ? { warmupCommands: 20_000, batches: 3, batchCommands: 20_000 } : { warmupCommands: 100_000, batches: 8, batchCommands: 50_000 };
  core = await runCoreBench({ accounts: 1_000, commandsPerAccountPerSecond: 6, ...sizes });
  withLoad('  done');
  const { mix } = core;
  const commands = mix.submit + mix.modify + mix.cancel;
  const percent = (count: number): string => `${round((100 * count) / commands, 1)}%`;
  log(`  mix of ${thousands(commands)} commands: ${percent(mix.submit)} submits (${round((100 * mix.denied) / mix.submit, 1)}% denied, ${thousands(mix.slices)} slices), ${percent(mix.modify)} modifies, ${percent(mix.cancel)} cancels; ${thousands(mix.fills)} fills; ${round(mix.records / commands, 2)} journal records per command`);
  log(`  refusals: ${core.denials.map(([code, count]) => `${code} ${thousands(count)}`).join(', ')}`);
  log(`  state at the end: ${thousands(core.orders)} orders, ${thousands(core.positions)} positions, ${round(core.simulatedSeconds)} s of simulated time, heap ${core.heapMB} MB`);
  log(table([
    ['batch', 'commands/s', 'p50', 'p99', 'p99.9', 'max'],
    ...core.batches.map((batch, index) => [String(index + 1), thousands(batch.commandsPerSec), `${round(batch.p50Micros, 1)} µs`, `${round(batch.p99Micros, 1)} µs`, `${round(batch.p999Micros)} µs`, `${round(batch.maxMicros)} µs`]),
  ]).replace(/^/gm, '  '));
  if (!has('no-greek-variant')) {
    withLoad('  again with Greek limits (net delta and vega per underlying) on every account, 3 batches');
    greekCore = await runCoreBench({ accounts: 1_000, commandsPerAccountPerSecond: 6, greekLimits: true, warmupCommands: 20_000, batches: 3, batchCommands: 20_000 });
  }
}

let journal: JournalBenchResult | null = null;
if (parts.has('journal')) {
  withLoad('\n[2/3] full path: startEngine + paper broker + journal in PostgreSQL, orders.submit in-process (no WebSocket)');
  journal = await runJournalBench({ accounts: 2_000, rate, seconds, concurrency: Number(flag('concurrency') ?? 256), websocket: !has('no-ws') }, log);
  withLoad('  done');
  const row = (label: string, result: LoadResult | null): string[] =>
    result === null
      ? [label, '–', '–', '–', '–', '–', '–', '–', '–']
      : [
          `${label}${result.sustained ? '' : ' (NOT sustained: stopped with > 0.5 s queued)'}`,
          thousands(result.ordersPerSec),
          ms(result.latencyMillis.p50),
          ms(result.latencyMillis.p99),
          ms(result.latencyMillis.max),
          result.journaledMillis ? `${ms(result.journaledMillis.p50)} / ${ms(result.journaledMillis.p99)}` : '–',
          String(result.recordsPerBatch),
          `${ms(result.insertMillis.p50)} / ${ms(result.insertMillis.p99)} / ${ms(result.insertMillis.max)}`,
          Object.entries(result.statuses).map(([status, count]) => `${status} ${count}`).join(' ') + (result.errors > 0 ? ` errors ${result.errors} (${result.firstError ?? ''})` : ''),
        ];
  log(table([
    ['run', 'acked/s', 'p50', 'p99', 'max', 'journaled p50 / p99', 'records/batch', 'INSERT p50 / p99 / max', 'answers'],
    row(`closed loop, ${flag('concurrency') ?? 256} in flight`, journal.closedLoop),
    row(`open loop ${thousands(journal.openLoop.offered ?? 0)}/s`, journal.openLoop),
    ...(journal.lighterOpenLoop ? [row(`open loop ${thousands(journal.lighterOpenLoop.offered ?? 0)}/s`, journal.lighterOpenLoop)] : []),
    ...(journal.websocket ? [row(`open loop ${thousands(journal.websocket.offered ?? 0)}/s via tRPC WebSocket (client thread)`, journal.websocket)] : []),
  ]).replace(/^/gm, '  '));
  log(`  journal: ${thousands(journal.journalRecords)} records written; group commit ${journal.closedLoop.recordsPerBatch} records per INSERT at ${journal.closedLoop.batchesPerSec} INSERTs/s (closed loop)`);
}

let restart: RestartBenchResult | null = null;
if (parts.has('restart')) {
  withLoad(`\n[3/3] restart over ${thousands(events)} journaled events`);
  restart = await runRestartBench({ events, tailEvents: quick ? 20_000 : 50_000 }, log);
  withLoad('  done');
  const run = (label: string, result: RestartBenchResult['withSnapshot']): string[] => [
    label,
    `${round(result.wallMillis / 1_000, 2)} s`,
    `${round(result.recoveredMillis / 1_000, 2)} s`,
    result.snapshotSeq === null ? 'none' : thousands(result.snapshotSeq),
    thousands(result.replayed),
  ];
  log(table([['restart', 'startEngine wall', 'recovered.millis', 'snapshot seq', 'replayed'], run('with snapshot', restart.withSnapshot), run('without snapshot', restart.withoutSnapshot)]).replace(/^/gm, '  '));
  log(`  journal ${thousands(restart.events)} events, ${thousands(restart.orders)} orders, ${restart.journalMB} MB in engine_events; built in ${restart.build.seconds} s (${thousands(restart.build.recordsPerSec)} records/s)`);
  log(`  snapshot at seq ${thousands(restart.snapshot.seq)}: ${round(restart.snapshot.bytes / 1e6, 1)} MB, uncompressed JSON, written by the snapshot worker in ${round(restart.snapshot.workerMillis / 1_000, 1)} s; recovered state verified (last seq, orders, trades, sampled positions)`);
}

const figures = {
  coreCommandsPerSec: core?.commandsPerSec ?? null,
  coreP99Micros: core?.p99Micros ?? null,
  journaledOrdersPerSec: journal?.closedLoop.ordersPerSec ?? null,
  submitAckP99Millis: journal ? round(journal.openLoop.latencyMillis.p99, 2) : null,
  restartSeconds: restart ? round(restart.withSnapshot.wallMillis / 1_000, 2) : null,
};
const met = (value: number | null, target: number, atMost: boolean): string => (value === null ? 'not run' : (atMost ? value <= target : value >= target) ? 'met' : 'MISSED');
log('');
log(table([
  ['figure', 'result', 'target', ''],
  ['coreCommandsPerSec — in-memory core, median batch', figures.coreCommandsPerSec === null ? '–' : thousands(figures.coreCommandsPerSec), '≥ 200,000', met(figures.coreCommandsPerSec, TARGETS.coreCommandsPerSec, false)],
  ['coreP99Micros — per command, median batch', figures.coreP99Micros === null ? '–' : `${figures.coreP99Micros} µs`, '≤ 50 µs', met(figures.coreP99Micros, TARGETS.coreP99Micros, true)],
  ...(greekCore ? [['  (with Greek limits on every account)', `${thousands(greekCore.commandsPerSec)}/s, p99 ${greekCore.p99Micros} µs`, '', '']] : []),
  ['journaledOrdersPerSec — closed loop, acked OPEN/FILLED', figures.journaledOrdersPerSec === null ? '–' : thousands(figures.journaledOrdersPerSec), '≥ 5,000', met(figures.journaledOrdersPerSec, TARGETS.journaledOrdersPerSec, false)],
  [`submitAckP99Millis — open loop at ${thousands(rate)}/s`, figures.submitAckP99Millis === null ? '–' : ms(figures.submitAckP99Millis), '≤ 10 ms', met(figures.submitAckP99Millis, TARGETS.submitAckP99Millis, true) + (journal && !journal.openLoop.sustained ? ' (rate not sustained)' : '')],
  ['restartSeconds — startEngine → ready, with snapshot', figures.restartSeconds === null ? '–' : `${figures.restartSeconds} s`, '≤ 5 s', met(figures.restartSeconds, TARGETS.restartSeconds, true)],
]));
log(`load average at the end: ${loadAverage()}${quick ? ' — QUICK RUN: sizes reduced, not the benchmark figures' : ''}`);
console.log(JSON.stringify(figures));
