import type { Redis } from 'ioredis';
import type { AttemptLimiter, AttemptLimits } from './attempt-limiter.ts';

/** Shared across gateways: an attacker can't multiply their budget by hitting every instance. */
export function createRedisAttemptLimiter(redis: Redis, limits: AttemptLimits, prefix = 'sd:login-attempt:'): AttemptLimiter {
  return {
    async attempt(key) {
      // INCR first, in one MULTI: Redis serialises it, so concurrent attempts on any gateway each
      // get their own count and at most maxAttempts of them see a count within the limit.
      // The window starts at the first attempt: PEXPIRE NX sets the expiry only when none exists.
      const results = await redis.multi().incr(prefix + key).pexpire(prefix + key, limits.windowMs, 'NX').pttl(prefix + key).exec();
      const attempts = Number(results?.[0]?.[1] ?? Number.POSITIVE_INFINITY);
      if (attempts <= limits.maxAttempts) return 0;
      const ttl = Number(results?.[2]?.[1] ?? limits.windowMs);
      return Math.max(1, Math.ceil((ttl > 0 ? ttl : limits.windowMs) / 1000));
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
