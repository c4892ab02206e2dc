import { applyFillInPlace, type PositionFill, type PositionState } from '@strikedesk/domain';

/**
 * A fill of no book (an order from the ticket, or the rest of a square-off) that takes the
 * account's position towards flat closes the virtual books (strategies, portfolios) holding that
 * side, as far as the account's unattributed part does not cover it — oldest book first, at the
 * fill's price (ADR 0010). Without it, a portfolio leg the trader bought back from the ticket
 * stayed short in the portfolio's book while the broker held nothing: the portfolio could not be
 * restarted or deleted, its MTM and delta counted a position that was gone, its delta hedge traded
 * on it and another book's exit could close against it.
 *
 * `books`: the account's book positions on the fill's instrument (every product), oldest first;
 * `netBefore`: the account's net quantity in the fill's product before the fill (non-zero, on the
 * side the fill reduces). Part of the fold: a pure function of the journal, so a replay moves the
 * same quantities. Books on the other side are left alone (net of them the account holds what it
 * holds), and so is what the fill trades past flat (a new unattributed position).
 */
export function closeBooksOutside(books: readonly PositionState[], netBefore: number, fill: PositionFill): void {
  if (books.length === 0) return;
  const long = netBefore > 0;
  let booked = 0;
  for (const position of books) if (position.product === fill.product) booked += position.netQuantity;
  const unattributed = netBefore - booked;
  const unattributedOnSide = long ? Math.max(0, unattributed) : Math.max(0, -unattributed);
  let excess = Math.min(fill.quantity, Math.abs(netBefore)) - unattributedOnSide;
  for (const position of books) {
    if (excess <= 0) return;
    if (position.product !== fill.product || position.netQuantity === 0 || position.netQuantity > 0 !== long) continue;
    const quantity = Math.min(Math.abs(position.netQuantity), excess);
    applyFillInPlace(position, quantity === fill.quantity ? fill : { ...fill, quantity });
    excess -= quantity;
  }
}
