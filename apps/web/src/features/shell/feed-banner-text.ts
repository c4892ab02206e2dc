import { istOrderTimeText } from '../../lib/format/ist-time.ts';

/**
 * What the terminal says while live prices are stale. Prices, P&L and Greeks on screen stop moving
 * without looking any different, so a trader must be told from when they date.
 */
export function feedBannerText(feed: { feedLostAt: number; everConnected: boolean }, now: number): string {
  const reconnecting = 'Reconnecting…';
  if (!feed.everConnected) return `Live prices are not connected: prices, P&L and Greeks on screen are not live. ${reconnecting}`;
  const since = istOrderTimeText(feed.feedLostAt, now);
  return `Live prices lost at ${since} IST: prices, P&L and Greeks on screen are from then and may be stale. ${reconnecting}`;
}
