import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

/** node:http with keep-alive: a lighter sender than fetch, so the machine's CPU goes to the system under test. */
function postJson(agent: Agent, url: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export type AlertLoadOptions = {
  /** One webhook URL per strategy; alerts go round-robin. */
  urls: readonly string[];
  ratePerSecond: number;
  seconds: number;
  /** Every n-th alert is delivered again, as TradingView resends after a 5xx (0: none). */
  resendEvery?: number;
  /** Alert ids are `<prefix>-<n>`: distinct prefixes keep two loads on one database apart. */
  idPrefix?: string;
};

export type AlertLoadResult = {
  sent: number;
  uniqueAlerts: number;
  /** Milliseconds from each request's scheduled time to its reply (queueing in the sender included). */
  ackMillis: number[];
  /** When each reply came, seconds since the start (same order as ackMillis). */
  ackAtSeconds: number[];
  replies: Record<string, number>;
  failures: number;
  /** Why requests failed without a reply, by message (connection refused, reset...). */
  failureCauses: Record<string, number>;
  elapsedSeconds: number;
};

/**
 * Posts TradingView-style alerts on a fixed schedule (open loop: a slow server does not slow the
 * sender down, so its latency shows). Alerts alternate buy/sell one lot per strategy, each with its
 * own alert id; resends reuse the id.
 */
export async function runAlertLoad(options: AlertLoadOptions): Promise<AlertLoadResult> {
  const total = Math.round(options.ratePerSecond * options.seconds);
  const intervalMs = 1_000 / options.ratePerSecond;
  const ackMillis: number[] = [];
  const ackAtSeconds: number[] = [];
  const replies: Record<string, number> = {};
  let failures = 0;
  const failureCauses: Record<string, number> = {};
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  // Idle sockets are dropped before the server's keep-alive timeout ends them, so a request is
  // never written into a connection the server is closing.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });
  const post = (url: string, body: string, scheduledAt: number) => {
    sent += 1;
    const pending = postJson(agent, new URL(url), body)
      .then((response) => {
        const reply = JSON.parse(response.body) as { status?: string; error?: string };
        ackMillis.push(performance.now() - scheduledAt);
        ackAtSeconds.push((performance.now() - started) / 1_000);
        const key = `${response.status} ${reply.status ?? reply.error ?? ''}`;
        replies[key] = (replies[key] ?? 0) + 1;
      })
      .catch((error: unknown) => {
        failures += 1;
        const cause = error instanceof Error ? String((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        failureCauses[cause] = (failureCauses[cause] ?? 0) + 1;
      })
      .finally(() => inFlight.delete(pending));
    inFlight.add(pending);
  };

  const started = performance.now();
  const resends: { at: number; url: string; body: string }[] = [];
  for (let index = 0; index < total; index += 1) {
    const scheduledAt = started + index * intervalMs;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await delay(wait);
    const url = options.urls[index % options.urls.length]!;
    const round = Math.floor(index / options.urls.length);
    const body = JSON.stringify({ alert_id: `${options.idPrefix ?? 'load'}-${index}`, action: round % 2 === 0 ? 'buy' : 'sell', contracts: '1', ticker: 'NSE:NIFTY1!' });
    post(url, body, scheduledAt);
    if (options.resendEvery && index % options.resendEvery === 0) resends.push({ at: scheduledAt + 1_000, url, body });
    while (resends[0] && resends[0].at <= performance.now()) {
      const resend = resends.shift()!;
      post(resend.url, resend.body, resend.at);
    }
  }
  for (const resend of resends) post(resend.url, resend.body, performance.now());
  await Promise.all([...inFlight]);
  agent.destroy();
  return { sent, uniqueAlerts: total, ackMillis, ackAtSeconds, replies, failures, failureCauses, elapsedSeconds: (performance.now() - started) / 1_000 };
}

export type ProcessingTally = {
  signals: number;
  pending: number;
  byStatus: Record<string, number>;
  /** Why signals were refused, by reason code. */
  reasons: Record<string, number>;
  /** Orders the engine journaled for signals (slices counted once). */
  orders: number;
  /**
   * Orders beyond one per alert: a repeat that became a second signal (a second client order id),
   * or a signal that placed twice. Every alert of the load trades exactly once, so any excess is one.
   */
  duplicatesExecuted: number;
  /** First receipt to last outcome, over the signals counted. */
  processingSeconds: number;
};

/**
 * Reads the outcome of a load from the database: signals (those whose alert id starts with
 * `alertIdPrefix`) by status, and orders per signal from the journal (all of them).
 */
export async function tallyProcessing(databaseUrl: string, uniqueAlerts: number, alertIdPrefix = ''): Promise<ProcessingTally> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const statuses = await client.query<{ status: string; count: number; first: Date; last: Date }>(
      `SELECT status, count(*)::int AS count, min(received_at) AS first, max(updated_at) AS last FROM signals WHERE coalesce(alert_id, '') LIKE $1 GROUP BY status`,
      [`${alertIdPrefix}%`],
    );
    const reasons = await client.query<{ reason_code: string; count: number }>(
      `SELECT reason_code, count(*)::int AS count FROM signals WHERE reason_code IS NOT NULL AND coalesce(alert_id, '') LIKE $1 GROUP BY reason_code`,
      [`${alertIdPrefix}%`],
    );
    const orders = await client.query<{ client_order_id: string; count: number }>(
      `SELECT client_order_id, count(*)::int AS count FROM engine_events
       WHERE type IN ('OrderSubmitted', 'OrderDenied') AND client_order_id LIKE 'tv%' AND client_order_id NOT LIKE '%.%'
       GROUP BY client_order_id`,
    );
    const byStatus = Object.fromEntries(statuses.rows.map((row) => [row.status, row.count]));
    const signals = statuses.rows.reduce((sum, row) => sum + row.count, 0);
    const first = Math.min(...statuses.rows.map((row) => row.first.getTime()));
    const last = Math.max(...statuses.rows.map((row) => row.last.getTime()));
    return {
      signals,
      pending: (byStatus['ACCEPTED'] ?? 0) + (byStatus['PROCESSING'] ?? 0),
      byStatus,
      reasons: Object.fromEntries(reasons.rows.map((row) => [row.reason_code, row.count])),
      orders: orders.rows.length,
      duplicatesExecuted: Math.max(0, orders.rows.length - uniqueAlerts) + orders.rows.reduce((sum, row) => sum + Math.max(0, row.count - 1), 0),
      processingSeconds: signals === 0 ? 0 : (last - first) / 1_000,
    };
  } finally {
    await client.end();
  }
}
