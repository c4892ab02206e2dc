/**
 * Delays between reconnect attempts of an XTS socket: exponential with "equal jitter" — attempt n
 * waits a random time in [step/2, step] with step = initial·2^(n−1) capped at max — so the sockets
 * of many accounts dropped by one network blip do not knock on the broker in the same millisecond,
 * and no attempt follows another in a tight loop. (The SDKs retry every 5 s, forever; the cap keeps
 * a long outage at one attempt per `maxMs`.)
 */
export type XtsBackoffOptions = { initialMs: number; maxMs: number };

export const DEFAULT_XTS_RECONNECT: XtsBackoffOptions = { initialMs: 1_000, maxMs: 30_000 };

export class XtsReconnectBackoff {
  private attempt = 0;

  constructor(
    private readonly options: XtsBackoffOptions = DEFAULT_XTS_RECONNECT,
    private readonly random: () => number = Math.random,
  ) {
    if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs)) throw new RangeError('backoff needs 0 < initialMs ≤ maxMs');
  }

  /** The delay before the next attempt, and counts it. */
  next(): number {
    this.attempt += 1;
    const step = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt - 1, 30));
    return Math.round(step / 2 + (this.random() * step) / 2);
  }

  /** After a connection proved healthy. */
  reset(): void {
    this.attempt = 0;
  }
}
