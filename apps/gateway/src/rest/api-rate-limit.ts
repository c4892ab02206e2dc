import type { Redis } from 'ioredis';
import { createMemoryAttemptLimiter, type AttemptLimiter } from '../auth/attempt-limiter.ts';
import { createRedisAttemptLimiter } from '../auth/redis-attempt-limiter.ts';

/**
 * Requests per API key per minute. The login limiter's fixed window fits: every request counts
 * (none is ever "reset" by success), and with Redis the budget is shared by every gateway.
 */
export function createApiRequestLimiter(redis: Redis | null, perMinute: number): AttemptLimiter {
  const limits = { maxAttempts: perMinute, windowMs: 60_000 };
  return redis ? createRedisAttemptLimiter(redis, limits, 'sd:api-requests:') : createMemoryAttemptLimiter(limits);
}
