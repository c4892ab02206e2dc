'use client';

import { PriceCell } from '@strikedesk/ui';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import styles from './order-ticket.module.css';

/** LTP, bid and ask of one instrument, live; shown wherever a trader picks a price. */
export function LiveQuote({ instrumentId, testIdPrefix }: { instrumentId: string; testIdPrefix: string }) {
  const tick = useLiveTick(instrumentId);
  return (
    <div className={styles.row} aria-label="Live quote">
      <span className={styles.meta}>LTP</span>
      <PriceCell value={tick?.lastPrice} flash testId={`${testIdPrefix}-ltp`} />
      <span className={styles.meta}>Bid</span>
      <PriceCell value={tick?.bid} testId={`${testIdPrefix}-bid`} />
      <span className={styles.meta}>Ask</span>
      <PriceCell value={tick?.ask} testId={`${testIdPrefix}-ask`} />
    </div>
  );
}
