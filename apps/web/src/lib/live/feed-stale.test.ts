import { describe, expect, it } from 'vitest';
import { FEED_STALE_GRACE_MS, isFeedStale, msUntilStale } from './feed-stale.ts';

const lostAt = 1_000_000;

describe('isFeedStale', () => {
  it('is live while connected, and before the first connection attempt has failed', () => {
    expect(isFeedStale({ connected: true, feedLostAt: null }, lostAt)).toBe(false);
    expect(isFeedStale({ connected: false, feedLostAt: null }, lostAt)).toBe(false);
  });

  it('turns stale only once the socket has been down for the grace', () => {
    const lost = { connected: false, feedLostAt: lostAt };
    expect(isFeedStale(lost, lostAt + FEED_STALE_GRACE_MS - 1)).toBe(false);
    expect(msUntilStale(lost, lostAt + 500)).toBe(FEED_STALE_GRACE_MS - 500);
    expect(isFeedStale(lost, lostAt + FEED_STALE_GRACE_MS)).toBe(true);
    expect(msUntilStale(lost, lostAt + FEED_STALE_GRACE_MS)).toBeNull();
  });
});
