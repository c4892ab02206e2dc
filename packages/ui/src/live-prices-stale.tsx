import { createContext, useContext, type ReactNode } from 'react';
import styles from './cells.module.css';

const StaleContext = createContext(false);

/**
 * Tells every live cell below whether the feed behind it is down. Live cells (prices, P&L marked to
 * them, Greeks) are then dimmed: a number that looks live but is not is how a trader ends up acting
 * on a price from minutes ago.
 */
export function LivePricesStale({ stale, children }: { stale: boolean; children: ReactNode }) {
  return <StaleContext.Provider value={stale}>{children}</StaleContext.Provider>;
}

export const useLivePricesStale = (): boolean => useContext(StaleContext);

const STALE_TITLE = 'Live prices are not arriving: this value is stale';

export type StaleMarks = { className: string; 'data-stale': true | undefined; title: string | undefined };

/** What a live element adds to itself (class, data-stale, title) while the feed is down. */
export function useStaleMarks(live = true): StaleMarks {
  const stale = useLivePricesStale() && live;
  return { className: stale ? (styles.stale ?? '') : '', 'data-stale': stale || undefined, title: stale ? STALE_TITLE : undefined };
}
