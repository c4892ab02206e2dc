import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';

/** Claims a one-time value (a login state's nonce): true the first time, false ever after (until it expires). */
export type SingleUse = { claim(value: string, ttlMs: number): Promise<boolean> };

const KEY_PREFIX = 'strikedesk:once:';
/** Beyond this many pending claims the oldest are dropped: memory stays bounded whatever arrives. */
const MEMORY_LIMIT = 10_000;

/**
 * In Redis when configured, so a login state replayed against another gateway is refused too;
 * in memory otherwise (one gateway, the `npm start` default). When Redis fails the claim falls back
 * to this gateway's memory: the login still works, and Kite's request token is single-use anyway.
 */
export function createSingleUse(redis: Redis | null, logger: Logger): SingleUse {
  const claimed = new Map<string, number>();
  const claimInMemory = (value: string, ttlMs: number): boolean => {
    const now = Date.now();
    for (const [key, expiresAt] of claimed) {
      if (expiresAt > now && claimed.size < MEMORY_LIMIT) break;
      claimed.delete(key);
    }
    if ((claimed.get(value) ?? 0) > now) return false;
    claimed.set(value, now + ttlMs);
    return true;
  };
  return {
    async claim(value, ttlMs) {
      if (!redis) return claimInMemory(value, ttlMs);
      try {
        return (await redis.set(`${KEY_PREFIX}${value}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
      } catch (error) {
        logger.warn({ err: error }, 'redis unavailable for a single-use claim; claiming in this gateway only');
        return claimInMemory(value, ttlMs);
      }
    },
  };
}
