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

export type AttemptLimits = { maxAttempts: number; windowMs: number };

export const LOGIN_LIMITS: AttemptLimits = { maxAttempts: 5, windowMs: 15 * 60_000 };

/** In-process limiter for a single gateway (the default without Redis). */
export function createMemoryAttemptLimiter(limits: AttemptLimits, now: () => number = Date.now): AttemptLimiter {
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
  };
}
