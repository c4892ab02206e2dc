/**
 * Reconnect delays for a broker's streaming sockets (KiteTicker, XTS socket.io): exponential with
 * "equal jitter" — attempt n waits a random time in [base·2^(n−1)/2, base·2^(n−1)], capped — so
 * the connections of many accounts (or engines) dropped by the same network blip do not all knock
 * on the broker's door in the same millisecond, while each attempt still waits at least half its
 * step (never a tight loop). The default is the official Kite clients' (≈2 s doubling to 60 s).
 */
export type ReconnectBackoffOptions = {
  initialMs: number;
  maxMs: number;
  /** Returns [0, 1); injectable for tests. */
  random?: () => number;
};

export const DEFAULT_RECONNECT_BACKOFF: ReconnectBackoffOptions = { initialMs: 2_000, maxMs: 60_000 };

export class ReconnectBackoff {
  private attempt = 0;
  private readonly random: () => number;

  constructor(private readonly options: ReconnectBackoffOptions = DEFAULT_RECONNECT_BACKOFF) {
    if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs)) throw new RangeError('backoff needs 0 < initialMs ≤ maxMs');
    this.random = options.random ?? Math.random;
  }

  /** Attempts since the last reset (the next delay is for attempt `attempts + 1`). */
  get attempts(): number {
    return this.attempt;
  }

  /** The delay before the next attempt, and counts it. */
  next(): number {
    this.attempt += 1;
    const step = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt - 1, 30));
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  /** After a connection proved healthy (it delivered data). */
  reset(): void {
    this.attempt = 0;
  }
}
