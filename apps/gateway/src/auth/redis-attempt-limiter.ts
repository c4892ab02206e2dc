import type { Redis } from 'ioredis';
import type { AttemptLimiter, AttemptLimits } from './attempt-limiter.ts';

/** Shared across gateways: an attacker can't multiply their budget by hitting every instance. */
export function createRedisAttemptLimiter(redis: Redis, limits: AttemptLimits, prefix = 'sd:login-fail:'): AttemptLimiter {
  return {
    async retryAfterSeconds(key) {
      const [failures, ttl] = await Promise.all([redis.get(prefix + key), redis.pttl(prefix + key)]);
      if (Number(failures ?? 0) < limits.maxFailures || ttl <= 0) return 0;
      return Math.ceil(ttl / 1000);
    },
    async recordFailure(key) {
      // The window starts at the first failure: PEXPIRE NX sets the expiry only when none exists.
      await redis.multi().incr(prefix + key).pexpire(prefix + key, limits.windowMs, 'NX').exec();
    },
    async reset(key) {
      await redis.del(prefix + key);
    },
  };
}
