'use client';

import { useLive } from '@/lib/live/live-context.tsx';
import { feedBannerText } from './feed-banner-text.ts';
import styles from './shell.module.css';

/** Under the header while this tab's live prices are stale (its socket down for longer than a blip). */
export function LiveFeedBanner() {
  const { feedStale, feedLostAt, everConnected } = useLive();
  if (!feedStale || feedLostAt === null) return null;
  return (
    <div className={`${styles.banner} ${styles.feedBanner}`} role="alert" data-testid="live-feed-banner">
      {feedBannerText({ feedLostAt, everConnected }, Date.now())}
    </div>
  );
}
