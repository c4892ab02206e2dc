/**
 * Counts failed attempts per key within a window; once a key reaches the limit it is blocked until
 * the window ends. Only failures count, so a user who types their password right is never slowed.
 */
export type AttemptLimiter = {
  /** Seconds until the key may try again; 0 when it may try now. */
  retryAfterSeconds(key: string): Promise<number>;
  recordFailure(key: string): Promise<void>;
  reset(key: string): Promise<void>;
};

export type AttemptLimits = { maxFailures: number; windowMs: number };

export const LOGIN_LIMITS: AttemptLimits = { maxFailures: 5, windowMs: 15 * 60_000 };

/** In-process limiter for a single gateway (the default without Redis). */
export function createMemoryAttemptLimiter(limits: AttemptLimits, now: () => number = Date.now): AttemptLimiter {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  const prune = () => {
    const time = now();
    for (const [key, window] of windows) if (window.endsAt <= time) windows.delete(key);
  };
  return {
    async retryAfterSeconds(key) {
      const window = windows.get(key);
      if (!window || window.endsAt <= now() || window.failures < limits.maxFailures) return 0;
      return Math.ceil((window.endsAt - now()) / 1000);
    },
    async recordFailure(key) {
      // Bounded memory under a spray of usernames: expired windows are dropped as we go.
      if (windows.size > 10_000) prune();
      const window = windows.get(key);
      if (!window || window.endsAt <= now()) windows.set(key, { failures: 1, endsAt: now() + limits.windowMs });
      else window.failures += 1;
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}
