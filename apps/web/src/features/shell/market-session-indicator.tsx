'use client';

import { useMarketSession } from '@/lib/queries/use-market-session.ts';
import { sessionLabel } from './session-label.ts';
import styles from './shell.module.css';

/** Market open or closed and the MIS cut-off, in the header: a trader knows before an order is refused. */
export function MarketSessionIndicator() {
  const { data: session } = useMarketSession();
  if (!session) return null;
  const state = session.open ? 'ok' : 'down';
  return (
    <span className={styles.indicator} data-testid="market-session" data-state={state} title={`NSE ${session.hours.opens}–${session.hours.closes} IST, Monday to Friday`}>
      <span className={styles.dot} data-state={state} aria-hidden="true" />
      {sessionLabel(session)}
    </span>
  );
}
