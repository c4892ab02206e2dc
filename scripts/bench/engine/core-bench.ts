/**
 * Part 1 of bench:engine — the in-memory core (risk + OMS + positions, no I/O): commands per
 * second and per-command latency, on one core, after a warm-up; each figure is the median of the
 * timed batches. The simulator's 250 ms market steps are taken between commands and kept out of
 * both the latencies and the batch wall time, and so is drawing the next random command.
 */
import { CoreWorkload, type CoreWorkloadOptions } from './core-workload.ts';
import { median, percentiles, round } from './stats.ts';

export type CoreBenchOptions = Pick<CoreWorkloadOptions, 'accounts' | 'commandsPerAccountPerSecond' | 'greekLimits'> & {
  warmupCommands: number;
  batches: number;
  batchCommands: number;
};

export type BatchResult = { commandsPerSec: number; p50Micros: number; p99Micros: number; p999Micros: number; maxMicros: number };

export type CoreBenchResult = {
  batches: BatchResult[];
  commandsPerSec: number;
  p50Micros: number;
  p99Micros: number;
  p999Micros: number;
  maxMicros: number;
  /** The worst batch, for the spread. */
  worst: { commandsPerSec: number; p99Micros: number };
  mix: CoreWorkload['counts'];
  denials: [string, number][];
  simulatedSeconds: number;
  orders: number;
  positions: number;
  heapMB: number;
};

function runBatch(workload: CoreWorkload, commands: number): BatchResult {
  const latencies = new Float64Array(commands);
  // Between one command's end and the next one's start: the market step (when due) and drawing
  // the next random command — the benchmark's client, not the core — both kept out of the wall
  // time. Two clock reads per command, as the latency needs anyway (each read allocates a BigInt,
  // and more garbage means more scavenges landing inside the measured commands).
  let excluded = 0n;
  const started = process.hrtime.bigint();
  let previousEnd = started;
  for (let index = 0; index < commands; index += 1) {
    if (workload.advance()) workload.stepMarket();
    const command = workload.next();
    const t0 = process.hrtime.bigint();
    excluded += t0 - previousEnd;
    workload.execute(command);
    previousEnd = process.hrtime.bigint();
    latencies[index] = Number(previousEnd - t0) / 1_000;
  }
  const wallSeconds = Number(previousEnd - started - excluded) / 1e9;
  const { p50, p99, p999, max } = percentiles(latencies);
  return { commandsPerSec: commands / wallSeconds, p50Micros: p50, p99Micros: p99, p999Micros: p999, maxMicros: max };
}

export async function runCoreBench(options: CoreBenchOptions): Promise<CoreBenchResult> {
  const workload = await CoreWorkload.create({ ...options, seed: 7 });
  const started = workload.now;
  for (let done = 0; done < options.warmupCommands; done += 10_000) runBatch(workload, Math.min(10_000, options.warmupCommands - done));
  const batches: BatchResult[] = [];
  for (let batch = 0; batch < options.batches; batch += 1) batches.push(runBatch(workload, options.batchCommands));
  const by = (key: keyof BatchResult): number[] => batches.map((batch) => batch[key]);
  const positions = workload.accounts.reduce((total, account) => total + workload.state.positionsOf(account.accountId).length + workload.state.bookPositionsOf(account.accountId).length, 0);
  return {
    batches,
    commandsPerSec: round(median(by('commandsPerSec'))),
    p50Micros: round(median(by('p50Micros')), 2),
    p99Micros: round(median(by('p99Micros')), 2),
    p999Micros: round(median(by('p999Micros')), 1),
    maxMicros: round(median(by('maxMicros')), 0),
    worst: { commandsPerSec: round(Math.min(...by('commandsPerSec'))), p99Micros: round(Math.max(...by('p99Micros')), 2) },
    mix: { ...workload.counts },
    denials: [...workload.denials].sort((a, b) => b[1] - a[1]),
    simulatedSeconds: (workload.now - started) / 1_000,
    orders: workload.accounts.reduce((total, account) => total + workload.state.ordersOf(account.accountId).length, 0),
    positions,
    heapMB: round(process.memoryUsage().heapUsed / 1e6),
  };
}
