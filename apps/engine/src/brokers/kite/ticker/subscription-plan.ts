import { KiteTickerError } from './ticker-errors.ts';
import { DEFAULT_TICKER_MODE, type TickerMode } from './ticker-packet.ts';

/** Kite's limits (docs, v3 WebSocket): per connection, and connections per API key. */
export const MAX_TOKENS_PER_CONNECTION = 3_000;
export const MAX_TICKER_CONNECTIONS = 3;

/** Per connection, the tokens to add/remove or re-mode there. */
export type PlanChange = ReadonlyMap<number, number[]>;

function checkTokens(tokens: readonly number[]): void {
  const bad = tokens.find((token) => !Number.isInteger(token) || token <= 0 || token > 0xffff_ffff);
  if (bad !== undefined) throw new KiteTickerError('KITE_TICKER_INVALID_TOKEN', `Got ${String(bad)}.`);
}

function push(change: Map<number, number[]>, connection: number, token: number): void {
  const list = change.get(connection);
  if (list) list.push(token);
  else change.set(connection, [token]);
}

/**
 * Which connection streams each token, and in which mode — the state every (re)connection sends
 * again. New tokens fill the lowest connection with room, so a second connection opens only past
 * 3,000 tokens (every connection also carries the user's order updates: fewer is quieter).
 * Changes are all or nothing: a request that would pass 9,000 tokens changes nothing and throws.
 */
export class SubscriptionPlan {
  private readonly connections: Map<number, TickerMode>[] = [];
  private readonly home = new Map<number, number>();

  constructor(
    private readonly maxConnections = MAX_TICKER_CONNECTIONS,
    private readonly maxPerConnection = MAX_TOKENS_PER_CONNECTION,
  ) {
    for (let index = 0; index < maxConnections; index += 1) this.connections.push(new Map());
  }

  get size(): number {
    return this.home.size;
  }

  tokensOn(connection: number): ReadonlyMap<number, TickerMode> {
    return this.connections[connection] ?? new Map();
  }

  modeOf(token: number): TickerMode | undefined {
    const connection = this.home.get(token);
    return connection === undefined ? undefined : this.connections[connection]?.get(token);
  }

  /** Adds tokens (Kite's default mode quote unless `mode`); tokens already there change mode only if `mode` is given. */
  add(tokens: readonly number[], mode?: TickerMode): { subscribed: PlanChange; moded: PlanChange } {
    checkTokens(tokens);
    const fresh = [...new Set(tokens)].filter((token) => !this.home.has(token));
    const capacity = this.maxConnections * this.maxPerConnection;
    if (this.home.size + fresh.length > capacity) {
      throw new KiteTickerError('KITE_TICKER_CAPACITY', `${this.home.size} subscribed + ${fresh.length} new would be ${this.home.size + fresh.length}.`);
    }
    const subscribed = new Map<number, number[]>();
    const moded = new Map<number, number[]>();
    let connection = 0;
    for (const token of fresh) {
      while ((this.connections[connection]?.size ?? 0) >= this.maxPerConnection) connection += 1;
      this.connections[connection]?.set(token, mode ?? DEFAULT_TICKER_MODE);
      this.home.set(token, connection);
      push(subscribed, connection, token);
      if (mode) push(moded, connection, token);
    }
    if (mode) {
      const freshSet = new Set(fresh);
      for (const token of new Set(tokens)) if (!freshSet.has(token)) this.remode(token, mode, moded);
    }
    return { subscribed, moded };
  }

  remove(tokens: readonly number[]): PlanChange {
    const removed = new Map<number, number[]>();
    for (const token of new Set(tokens)) {
      const connection = this.home.get(token);
      if (connection === undefined) continue;
      this.home.delete(token);
      this.connections[connection]?.delete(token);
      push(removed, connection, token);
    }
    return removed;
  }

  /** Throws (changing nothing) when any token is not subscribed: Kite ignores a mode for those. */
  setMode(tokens: readonly number[], mode: TickerMode): PlanChange {
    const missing = tokens.filter((token) => !this.home.has(token));
    if (missing.length > 0) throw new KiteTickerError('KITE_TICKER_NOT_SUBSCRIBED', `Not subscribed: ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}.`);
    const moded = new Map<number, number[]>();
    for (const token of new Set(tokens)) this.remode(token, mode, moded);
    return moded;
  }

  private remode(token: number, mode: TickerMode, change: Map<number, number[]>): void {
    const connection = this.home.get(token);
    if (connection === undefined) return;
    this.connections[connection]?.set(token, mode);
    push(change, connection, token);
  }
}
