import { quantityLabel, type StrategyOpenPosition, type StrategyPerformance } from '@strikedesk/domain';

/** "66.7% (2 won, 1 lost of 3)"; "—" before the first closed trade. Break-even trades count in neither. */
export function winRateText(performance: Pick<StrategyPerformance, 'winRate' | 'wins' | 'losses' | 'trades'>): string {
  if (performance.winRate === null) return '—';
  return `${(performance.winRate * 100).toFixed(1)}% (${performance.wins} won, ${performance.losses} lost of ${performance.trades.length})`;
}

/** "+75 NFO:NIFTY26DECFUT" per instrument still open (units, signed); "flat" when none. */
export function openPositionText(open: readonly Pick<StrategyOpenPosition, 'instrumentId' | 'quantity'>[], names: ReadonlyMap<string, string> = new Map()): string {
  if (open.length === 0) return 'flat';
  return open.map((position) => `${position.quantity > 0 ? '+' : ''}${position.quantity} ${names.get(position.instrumentId) ?? position.instrumentId}`).join(', ');
}

/** What a cell says instead of a price or an unrealized P&L the engine could not mark (no tick, or a last price of 0). */
export const NO_PRICE_TEXT = 'no price yet';

/**
 * The open quantity as the order ticket sizes it: "-2 lots (-130 units)"; units alone until the
 * instrument (its lot size) has loaded, or when it is not a whole number of lots.
 */
export const openQuantityText = (quantity: number, lotSize: number | undefined): string => quantityLabel(quantity, lotSize ?? 0);

/**
 * Why the unrealized total leaves instruments out: "No price yet for NIFTY 26000 CE: left out of
 * unrealized P&L."; null when every open instrument has a price. Said, so a total that looks
 * healthy is not read as covering a leg that cannot be marked.
 */
export function unpricedText(open: readonly Pick<StrategyOpenPosition, 'instrumentId' | 'lastPrice'>[], names: ReadonlyMap<string, string> = new Map()): string | null {
  const unpriced = open.filter((position) => position.lastPrice === null).map((position) => names.get(position.instrumentId) ?? position.instrumentId);
  return unpriced.length === 0 ? null : `No price yet for ${unpriced.join(', ')}: left out of unrealized P&L.`;
}
