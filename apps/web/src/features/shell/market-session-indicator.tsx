'use client';

import { useMarketSession } from '@/lib/queries/use-market-session.ts';
import { sessionLabel, sessionTitle } from './session-label.ts';
import styles from './shell.module.css';

/** Market open or closed and the MIS cut-off, in the header: a trader knows before an order is refused. */
export function MarketSessionIndicator() {
  const session = useMarketSession();
  // An engine that does not answer leaves the last reading in the cache: showing it would say
  // "Market open · MIS till 15:15" long after 15:15. The engine indicator says why.
  if (!session.data || session.isError) return null;
  const state = session.data.closed === null ? 'ok' : 'down';
  return (
    <span className={styles.indicator} data-testid="market-session" data-state={state} title={sessionTitle(session.data)}>
      <span className={styles.dot} data-state={state} aria-hidden="true" />
      {sessionLabel(session.data)}
    </span>
  );
}
