/**
 * A blip shorter than this (an account switch's new handshake, a transport that fails over) does
 * not make prices stale; the header's "Reconnecting" dot shows it anyway.
 */
export const FEED_STALE_GRACE_MS = 2_000;

export type FeedLoss = { connected: boolean; feedLostAt: number | null };

/** Whether the prices on screen are no longer live: the socket has been down for longer than a blip. */
export function isFeedStale(feed: FeedLoss, now: number): boolean {
  return !feed.connected && feed.feedLostAt !== null && now - feed.feedLostAt >= FEED_STALE_GRACE_MS;
}

/** When a loss that is still going on turns stale (ms from now), or null if it never will / already has. */
export function msUntilStale(feed: FeedLoss, now: number): number | null {
  if (feed.connected || feed.feedLostAt === null) return null;
  const wait = feed.feedLostAt + FEED_STALE_GRACE_MS - now;
  return wait > 0 ? wait : null;
}
