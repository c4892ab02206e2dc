import { describe, expect, it } from 'vitest';
import { feedBannerText } from './feed-banner-text.ts';

// 10:42:13 IST on 7 Dec 2026.
const lostAt = Date.UTC(2026, 11, 7, 5, 12, 13);

describe('feedBannerText', () => {
  it('names the time (IST) the prices on screen date from', () => {
    expect(feedBannerText({ feedLostAt: lostAt, everConnected: true }, lostAt + 5_000)).toBe(
      'Live prices lost at 10:42:13 IST: prices, P&L and Greeks on screen are from then and may be stale. Reconnecting…',
    );
  });

  it('names the day too when the tab was left disconnected overnight', () => {
    expect(feedBannerText({ feedLostAt: lostAt, everConnected: true }, lostAt + 24 * 3_600_000)).toContain('lost at 7 Dec 10:42:13 IST');
  });

  it('does not claim prices were live when the socket never connected', () => {
    expect(feedBannerText({ feedLostAt: lostAt, everConnected: false }, lostAt + 10_000)).toBe(
      'Live prices are not connected: prices, P&L and Greeks on screen are not live. Reconnecting…',
    );
  });
});
