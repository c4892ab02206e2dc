import type { Redis } from 'ioredis';
import type { AttemptLimits, RefundableAttemptLimiter } from './attempt-limiter.ts';

// DECR only a live window: a plain DECR on a key that expired meanwhile would create one at -1
// with no expiry, a permanent extra allowance. Runs atomically in Redis like the MULTI below.
const REFUND_SCRIPT = "if redis.call('exists', KEYS[1]) == 1 and tonumber(redis.call('get', KEYS[1])) > 0 then return redis.call('decr', KEYS[1]) end return 0";

/** Shared across gateways: an attacker can't multiply their budget by hitting every instance. */
export function createRedisAttemptLimiter(redis: Redis, limits: AttemptLimits, prefix = 'sd:login-attempt:'): RefundableAttemptLimiter {
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
    async refund(key) {
      await redis.eval(REFUND_SCRIPT, 1, prefix + key);
    },
  };
}
