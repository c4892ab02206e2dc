/**
 * `npm run test:crash`: the long crash run — by default 50 SIGKILLs of the engine under order flow
 * against the paper venue process, then every check of crash-checks.ts. Prints progress, the
 * failures with their evidence, and one summary line; exits non-zero on any failed check.
 *
 *   npm run test:crash -- --kills 80 --seed 7 --traders 6 --keep-logs
 *   npm run test:crash -- --fault-chance 0.5 --startup-kill-chance 0.3   (venue faults, kills mid-start)
 *   CRASH_KILLS=80 CRASH_SEED=7 npm run test:crash
 */
import { parseArgs } from 'node:util';
import { runCrashHarness } from './crash-harness.ts';

function integer(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${value})`);
  return parsed;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string' },
      seed: { type: 'string' },
      traders: { type: 'string' },
      'fault-chance': { type: 'string' },
      'startup-kill-chance': { type: 'string' },
      'keep-logs': { type: 'boolean', default: false },
    },
  });
  const kills = integer('--kills / CRASH_KILLS', values.kills ?? process.env['CRASH_KILLS'], 50, 1);
  const seed = integer('--seed / CRASH_SEED', values.seed ?? process.env['CRASH_SEED'], Math.floor(Math.random() * 1_000_000), 0);
  const traders = integer('--traders / CRASH_TRADERS', values.traders ?? process.env['CRASH_TRADERS'], 4, 1);
  const chance = (name: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!(parsed >= 0 && parsed <= 1)) throw new Error(`${name} must be a probability between 0 and 1 (got ${value})`);
    return parsed;
  };
  // Ctrl-C ends the run early but still stops the processes and drops the scratch database.
  const interrupt = new AbortController();
  // `on`, not `once`: tsx exits the process itself on a signal when no listener remains.
  const onSignal = () => interrupt.abort(new Error('interrupted'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const report = await runCrashHarness({
    signal: interrupt.signal,
    kills,
    seed,
    traders,
    keepLogs: values['keep-logs'],
    venueFaultChance: chance('--fault-chance', values['fault-chance']),
    startupKillChance: chance('--startup-kill-chance', values['startup-kill-chance']),
  });
  const restarts = report.restartMs.slice(1);
  process.stdout.write(
    `[crash] in flight at the kills: ${report.inFlightAtKills.join(' ')}\n` +
      `[crash] denied by the engine's risk checks: ${JSON.stringify(report.denied)}; cancels ${JSON.stringify(report.cancels)}; modifies ${JSON.stringify(report.modifies)}\n` +
      `[crash] venue faults injected: ${JSON.stringify(report.venueFaults)}\n` +
      `[crash] acknowledged orders by type: ${JSON.stringify(report.ordersByType)}; engine statuses at the end: ${JSON.stringify(report.finalStatuses)}\n` +
      `[crash] restarts from a journal snapshot: ${report.restartsFromSnapshot}; stream gaps the gateway recovered by replay: ${report.gatewayGapRecoveries}\n` +
      `[crash] engine reconciliation: at start-up ${report.reconciled.startupEvents} missed event(s) settled from the venue's books and ${report.reconciled.resent} journaled-but-unsent order(s) resent; ` +
      `while running ${report.reconciled.laterEvents} event(s) settled, ${report.reconciled.recanceled} cancel(s) resent\n` +
      `[crash] restart times (ms, spawn to ENGINE_READY): ${restarts.map((ms) => Math.round(ms)).join(' ')}\n` +
      (report.logDir ? `[crash] process logs kept in ${report.logDir}\n` : '') +
      (report.keptDatabase ? `[crash] database kept in ${report.keptDatabase}\n` : '') +
      `${report.summary}\n`,
  );
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[crash] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
