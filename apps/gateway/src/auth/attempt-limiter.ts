/**
 * Counts attempts per key within a window; once a key has used up its budget it is refused until
 * the window ends. An attempt is counted BEFORE the (slow) password check it guards: checking a
 * count first and recording the failure after the check would let every concurrent guess see the
 * same old count, so N parallel guesses would all run. A success resets the key, so a user who
 * types their password right is never slowed.
 */
export type AttemptLimiter = {
  /**
   * Counts one attempt for the key. 0 when it may go ahead; otherwise the seconds until the
   * window ends (the attempt must then be refused without checking anything).
   */
  attempt(key: string): Promise<number>;
  /** Forgets the key's attempts (after a success). */
  reset(key: string): Promise<void>;
};

/**
 * A limiter that can take back one attempt it counted: to count only failures while still
 * counting BEFORE the check (see above), an attempt that turns out not to be a failure is
 * refunded. Unlike reset, a refund undoes that one attempt only, so a success cannot wipe the
 * failures counted next to it.
 */
export type RefundableAttemptLimiter = AttemptLimiter & {
  /** Takes back one attempt of the key's current window (none left, or the window over: nothing). */
  refund(key: string): Promise<void>;
};

export type AttemptLimits = { maxAttempts: number; windowMs: number };

export const LOGIN_LIMITS: AttemptLimits = { maxAttempts: 5, windowMs: 15 * 60_000 };

/**
 * Failed password checks one client address may make, across all usernames, before it is refused
 * (password spraying: one guess against many usernames never trips the per-username limit).
 * `maxFailures` is LOGIN_FAILURES_PER_ADDRESS (default 30 — see docs/adr/0008).
 */
export const loginAddressLimits = (maxFailures: number): AttemptLimits => ({ maxAttempts: maxFailures, windowMs: 15 * 60_000 });

/** In-process limiter for a single gateway (the default without Redis). */
export function createMemoryAttemptLimiter(limits: AttemptLimits, now: () => number = Date.now): RefundableAttemptLimiter {
  const windows = new Map<string, { attempts: number; endsAt: number }>();
  const prune = (time: number) => {
    for (const [key, window] of windows) if (window.endsAt <= time) windows.delete(key);
  };
  return {
    // No await between reading and writing the count: increment-then-check is atomic in one process.
    async attempt(key) {
      const time = now();
      // Bounded memory under a spray of usernames: expired windows are dropped as we go.
      if (windows.size > 10_000) prune(time);
      let window = windows.get(key);
      if (!window || window.endsAt <= time) {
        window = { attempts: 0, endsAt: time + limits.windowMs };
        windows.set(key, window);
      }
      window.attempts += 1;
      if (window.attempts <= limits.maxAttempts) return 0;
      return Math.max(1, Math.ceil((window.endsAt - time) / 1000));
    },
    async reset(key) {
      windows.delete(key);
    },
    async refund(key) {
      const window = windows.get(key);
      if (window && window.endsAt > now() && window.attempts > 0) window.attempts -= 1;
    },
  };
}
