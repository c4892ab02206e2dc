import { createContext, useContext, type ReactNode } from 'react';

const StaleContext = createContext(false);

/**
 * Tells every live cell below whether the feed behind it is down. Live cells (those that flash on
 * change, and P&L marked to them) are then dimmed: a number that looks live but is not is how a
 * trader ends up acting on a price from minutes ago.
 */
export function LivePricesStale({ stale, children }: { stale: boolean; children: ReactNode }) {
  return <StaleContext.Provider value={stale}>{children}</StaleContext.Provider>;
}

export const useLivePricesStale = (): boolean => useContext(StaleContext);

export const STALE_TITLE = 'Live prices are not arriving: this value is stale';
