'use client';

import { PriceCell } from '@strikedesk/ui';
import { istOrderTimeText } from '@/lib/format/ist-time.ts';
import { useLive } from '@/lib/live/live-context.tsx';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import styles from './order-ticket.module.css';

/**
 * LTP, bid and ask of one instrument, live; shown wherever a trader picks a price. While the feed
 * is down it says so where the price is picked: a MARKET order fills at the market, not at these.
 */
export function LiveQuote({ instrumentId, testIdPrefix }: { instrumentId: string; testIdPrefix: string }) {
  const tick = useLiveTick(instrumentId);
  const { feedStale, feedLostAt } = useLive();
  return (
    <>
      <div className={styles.row} aria-label="Live quote">
        <span className={styles.meta}>LTP</span>
        <PriceCell value={tick?.lastPrice} flash testId={`${testIdPrefix}-ltp`} />
        <span className={styles.meta}>Bid</span>
        <PriceCell value={tick?.bid} live testId={`${testIdPrefix}-bid`} />
        <span className={styles.meta}>Ask</span>
        <PriceCell value={tick?.ask} live testId={`${testIdPrefix}-ask`} />
      </div>
      {feedStale && feedLostAt !== null ? (
        <p className={styles.notice} role="note" data-testid={`${testIdPrefix}-stale-quote`}>
          Prices not live since {istOrderTimeText(feedLostAt)} IST: the market may have moved, and a MARKET order fills at its price, not at this one.
        </p>
      ) : null}
    </>
  );
}
