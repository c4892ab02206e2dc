import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

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
  const replies: Record<string, number> = {};
  let failures = 0;
  const failureCauses: Record<string, number> = {};
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const post = (url: string, body: string, scheduledAt: number) => {
    sent += 1;
    const request = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body })
      .then(async (response) => {
        const reply = (await response.json()) as { status?: string; error?: string };
        ackMillis.push(performance.now() - scheduledAt);
        const key = `${response.status} ${reply.status ?? reply.error ?? ''}`;
        replies[key] = (replies[key] ?? 0) + 1;
      })
      .catch((error: unknown) => {
        failures += 1;
        const cause = error instanceof Error ? String((error.cause as Error | undefined)?.message ?? error.message) : String(error);
        failureCauses[cause] = (failureCauses[cause] ?? 0) + 1;
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
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
  return { sent, uniqueAlerts: total, ackMillis, replies, failures, failureCauses, elapsedSeconds: (performance.now() - started) / 1_000 };
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
  /** First receipt to last outcome, over every signal. */
  processingSeconds: number;
};

/** Reads the outcome of a load from the database: signals by status, and orders per signal from the journal. */
export async function tallyProcessing(databaseUrl: string, uniqueAlerts: number): Promise<ProcessingTally> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const statuses = await client.query<{ status: string; count: number; first: Date; last: Date }>(
      `SELECT status, count(*)::int AS count, min(received_at) AS first, max(updated_at) AS last FROM signals GROUP BY status`,
    );
    const reasons = await client.query<{ reason_code: string; count: number }>(
      `SELECT reason_code, count(*)::int AS count FROM signals WHERE reason_code IS NOT NULL GROUP BY reason_code`,
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
