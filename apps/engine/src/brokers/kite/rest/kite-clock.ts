import { sleep } from '../../../backoff.ts';

/**
 * Time as the Kite client sees it. Rate limiting and 429 backoff wait on `sleep`, never on a bare
 * setTimeout, so tests inject a clock that skips the waits instead of sleeping through them.
 * (Request timeouts are real network waits and stay on the wall clock.)
 */
export type KiteClock = {
  now(): number;
  /** Resolves after `ms` (or at once when `signal` aborts: callers re-check their own state). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

export const systemKiteClock: KiteClock = { now: () => Date.now(), sleep };

/**
 * A clock for tests: `sleep` resolves on the next turn of the event loop with `now` moved forward to
 * the sleeper's deadline (never backwards), so a limiter that waits 1.1 s per batch runs in
 * microseconds yet sees time pass as it asked. `slept` lists every wait, for asserting backoffs.
 */
export class SkippingClock implements KiteClock {
  readonly slept: number[] = [];
  private offsetMs = 0;

  constructor(private readonly base: () => number = () => Date.now()) {}

  now(): number {
    return this.base() + this.offsetMs;
  }

  async sleep(ms: number): Promise<void> {
    const wait = Math.max(0, ms);
    this.slept.push(wait);
    const deadline = this.now() + wait;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.offsetMs = Math.max(this.offsetMs, deadline - this.base());
  }
}
