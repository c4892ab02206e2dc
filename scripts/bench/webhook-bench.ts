/**
 * npm run bench:webhook — TradingView alert intake and processing (issue 7; docs/benchmarks.md,
 * "TradingView webhook"). The whole backend as production wires it: a fresh PostgreSQL database, the
 * engine as its own process (paper broker, simulated market), the gateway on port 0, N traders each
 * with one enabled strategy. Alerts are posted over HTTP on a fixed schedule (open loop) round-robin
 * over the strategies, one in ten delivered a second time as TradingView's resends are.
 *
 * The gateway under load runs as its own process (a second gateway beside the one the harness uses
 * to create users and strategies), so the sender's work is not counted as the gateway's.
 *
 * 0. warm-up: --warmup (default 10) seconds at the same rate, reported apart (connections opened,
 *    code compiled, caches filled).
 * 1. steady: --rate (default 200) alerts/s for --seconds (default 60). → webhookAckP99Millis (from
 *    each request's scheduled time to its reply) and alertsPerSec (alerts processed to a final status
 *    per second, first receipt to last outcome).
 * 2. burst: --burst (default 2,000) alerts as fast as the sender can, to show how fast the queue
 *    drains (not in the JSON).
 * duplicatesExecuted: orders beyond one per alert over both parts, read from the engine's journal.
 *
 * Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test); a scratch
 * database is created and dropped. Ends with exactly one JSON line:
 * {"webhookAckP99Millis":N,"alertsPerSec":N,"duplicatesExecuted":N}
 */
import { cpus } from 'node:os';
import pg from 'pg';
import { waitUntil } from '../../packages/domain/src/testing/wait-until.ts';
import { runAlertLoad, tallyProcessing, type ProcessingTally } from '../../apps/gateway/src/testing/alert-load.ts';
import { spawnApp } from '../../apps/gateway/src/testing/app-process.ts';
import { signedInUser } from '../../apps/gateway/src/testing/signed-in.ts';
import { startTestStack } from '../../apps/gateway/src/testing/test-stack.ts';
import { createLiveStrategy } from '../../apps/gateway/src/testing/webhook-fixtures.ts';
import { loadAverage, percentiles, round, table, thousands } from './engine/stats.ts';

const flag = (name: string): string | undefined => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const rate = Number(flag('rate') ?? 200);
const seconds = Number(flag('seconds') ?? 60);
const burst = Number(flag('burst') ?? 2_000);
const warmupSeconds = Number(flag('warmup') ?? 10);
// ≤ 5 alerts/s per strategy, so each account stays under the SEBI 10 orders/s the engine enforces.
const strategies = Number(flag('strategies') ?? Math.max(1, Math.ceil(rate / 5)));
const log = (line: string): void => console.log(line);
/** Halts the engine engaged on its own (a reconciliation block would refuse the load's orders). */
async function tradingHalts(databaseUrl: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(`SELECT kind, reason, details FROM trading_halts ORDER BY id`)).rows;
  } finally {
    await client.end();
  }
}

log(`bench:webhook on ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
const stack = await startTestStack({ env: { LOG_LEVEL: 'silent' } });
let gateway: Awaited<ReturnType<typeof spawnApp>> | null = null;
try {
  gateway = await spawnApp({
    entry: 'apps/gateway/src/main.ts',
    readyWord: 'GATEWAY_READY',
    // e.g. --gateway-node-args=--cpu-prof,--cpu-prof-dir=/tmp/prof to profile the gateway under load.
    nodeArgs: flag('gateway-node-args')?.split(',') ?? [],
    env: { HOST: '127.0.0.1', PORT: '0', ENGINE_URL: stack.engine!.url, ENGINE_TOKEN: stack.env.ENGINE_TOKEN, DATABASE_URL: stack.database.url, JWT_SECRET: stack.env.JWT_SECRET, LOG_LEVEL: 'warn' },
  });
  const gatewayUrl = gateway.url;
  const urls: string[] = [];
  for (let index = 0; index < strategies; index += 1) {
    const trader = await signedInUser(stack, `bench-${index}`, 'trader');
    urls.push((await createLiveStrategy(trader, stack.gateway.url)).url.replace(stack.gateway.url, gatewayUrl));
  }
  // The harness's own gateway was only needed to set up; left running it would decode the engine's
  // whole event stream on the bench's CPU.
  await stack.gateway.close();
  const settle = (uniqueAlerts: number): Promise<ProcessingTally> =>
    waitUntil(
      async () => {
        const tally = await tallyProcessing(stack.database.url, uniqueAlerts);
        return tally.pending === 0 ? tally : undefined;
      },
      { timeoutMs: 300_000, intervalMs: 250, message: 'every signal processed' },
    );

  // A fresh gateway opens its database connections, compiles and fills its caches during the first
  // seconds; those are shown, not counted in the steady figures.
  log(`\n[0/2] warm-up: ${rate} alerts/s for ${warmupSeconds} s (load average ${loadAverage()})`);
  const warmup = await runAlertLoad({ urls, ratePerSecond: rate, seconds: warmupSeconds, idPrefix: 'warmup' });
  await settle(warmup.uniqueAlerts);
  const warmupAck = percentiles(warmup.ackMillis);
  log(`  ack p50 ${round(warmupAck.p50, 1)} ms, p99 ${round(warmupAck.p99, 1)} ms, max ${round(warmupAck.max)} ms; replies ${JSON.stringify(warmup.replies)}`);

  log(`\n[1/2] steady: ${rate} alerts/s for ${seconds} s over ${strategies} strategies, one in ten resent (load average ${loadAverage()})`);
  const steady = await runAlertLoad({ urls, ratePerSecond: rate, seconds, resendEvery: 10 });
  await settle(warmup.uniqueAlerts + steady.uniqueAlerts);
  const steadyTally = await tallyProcessing(stack.database.url, steady.uniqueAlerts, 'load-');
  const ack = percentiles(steady.ackMillis);
  const alertsPerSec = steadyTally.signals / steadyTally.processingSeconds;
  log(`  sent ${thousands(steady.sent)} requests (${thousands(steady.uniqueAlerts)} alerts) in ${round(steady.elapsedSeconds, 1)} s; replies ${JSON.stringify(steady.replies)}; failures ${steady.failures} ${JSON.stringify(steady.failureCauses)} (load average ${loadAverage()})`);
  const slowSeconds = new Map<number, number>();
  steady.ackMillis.forEach((millis, index) => {
    if (millis > 50) slowSeconds.set(Math.floor(steady.ackAtSeconds[index] ?? 0), (slowSeconds.get(Math.floor(steady.ackAtSeconds[index] ?? 0)) ?? 0) + 1);
  });
  log(`  replies over 50 ms by second of the run: ${[...slowSeconds.entries()].map(([second, count]) => `${second}s:${count}`).join(' ') || 'none'}`);
  const halts = await tradingHalts(stack.database.url);
  if (halts.length > 0) log(`  TRADING HALTS engaged during the run: ${halts.length}; first: ${JSON.stringify(halts[0]).slice(0, 1500)}`);
  log(`  processed ${thousands(steadyTally.signals)} signals ${JSON.stringify(steadyTally.byStatus)} ${JSON.stringify(steadyTally.reasons)} in ${round(steadyTally.processingSeconds, 1)} s from first receipt to last outcome`);

  log(`\n[2/2] burst: ${thousands(burst)} alerts as fast as one sender can post them`);
  const burstLoad = await runAlertLoad({ urls, ratePerSecond: 100_000, seconds: burst / 100_000, idPrefix: 'burst' });
  const burstStarted = performance.now();
  const allTally = await settle(warmup.uniqueAlerts + steady.uniqueAlerts + burstLoad.uniqueAlerts);
  const burstTally = await tallyProcessing(stack.database.url, burstLoad.uniqueAlerts, 'burst-');
  const burstAck = percentiles(burstLoad.ackMillis);
  log(`  posted in ${round(burstLoad.elapsedSeconds, 1)} s, replies ${JSON.stringify(burstLoad.replies)}; queue drained ${round((performance.now() - burstStarted) / 1000, 1)} s after the last reply (load average ${loadAverage()})`);

  log(
    '\n' +
      table([
        ['part', 'alerts', 'ack p50', 'ack p99', 'ack max', 'processed/s'],
        ['steady', thousands(steady.uniqueAlerts), `${round(ack.p50, 1)} ms`, `${round(ack.p99, 1)} ms`, `${round(ack.max)} ms`, thousands(alertsPerSec)],
        ['burst', thousands(burstLoad.uniqueAlerts), `${round(burstAck.p50, 1)} ms`, `${round(burstAck.p99, 1)} ms`, `${round(burstAck.max)} ms`, thousands(burstTally.signals / (burstTally.processingSeconds || 1))],
      ]),
  );
  log(`  orders journaled: ${thousands(allTally.orders)} for ${thousands(allTally.signals)} signals; duplicates executed: ${allTally.duplicatesExecuted}`);
  log(`  targets: ack p99 ≤ 50 ms at 200 alerts/s → ${ack.p99 <= 50 ? 'met' : 'MISSED'}; duplicatesExecuted = 0 → ${allTally.duplicatesExecuted === 0 ? 'met' : 'MISSED'}`);
  console.log(JSON.stringify({ webhookAckP99Millis: round(ack.p99, 2), alertsPerSec: round(alertsPerSec, 1), duplicatesExecuted: allTally.duplicatesExecuted }));
} finally {
  await gateway?.stop();
  await stack.close();
}
