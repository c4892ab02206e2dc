import type { PortfolioId, PositionState, Side, StrategyId } from '@strikedesk/domain';

/** One exit order of a flatten: its quantity and the virtual book it closes (none: the unattributed rest). */
export type BookExit = { side: Side; quantity: number; strategyId: StrategyId | null; portfolioId: PortfolioId | null };

/**
 * Splits the exit of one net position across the virtual books that hold it, so a square-off or
 * the kill switch closes the strategy and portfolio books too (their positions would otherwise stay
 * open on paper while the account is flat, and a later "exit" of such a book would open new
 * exposure). Books holding the same side as the net position are closed first, oldest book order;
 * what the books do not explain (manual trades) goes out unattributed. Books on the opposite side
 * are left as they are: net of them, the account is already flat there.
 */
export function bookExits(net: PositionState, books: readonly PositionState[]): BookExit[] {
  if (net.netQuantity === 0) return [];
  const side: Side = net.netQuantity > 0 ? 'SELL' : 'BUY';
  let remaining = Math.abs(net.netQuantity);
  const exits: BookExit[] = [];
  for (const book of books) {
    if (remaining === 0) break;
    if (book.instrumentId !== net.instrumentId || book.product !== net.product) continue;
    if (Math.sign(book.netQuantity) !== Math.sign(net.netQuantity)) continue;
    const quantity = Math.min(Math.abs(book.netQuantity), remaining);
    exits.push({ side, quantity, strategyId: book.strategyId, portfolioId: book.portfolioId });
    remaining -= quantity;
  }
  if (remaining > 0) exits.push({ side, quantity: remaining, strategyId: null, portfolioId: null });
  return exits;
}
