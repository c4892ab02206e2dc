import { applyFillInPlace, bookOf, emptyPosition, NET_BOOK, type EngineEventOf, type Order, type PositionFill } from '@strikedesk/domain';
import { bookKey, type AccountBook } from './account-book.ts';
import { closeBooksOutside } from './books-closed-outside.ts';

/**
 * What one fill does to an account's positions, in the fold: the net position (what the broker
 * holds) and its day P&L terms, the instrument's net, and the virtual book the order is attributed
 * to — or, for an order of no book that reduces the position, the books it closes
 * (`closesBooksOutside`: the rule applies at this journal seq; ADR 0010). The fill's trade id is
 * remembered (fills are deduplicated by it).
 */
export function foldFill(book: AccountBook, order: Order, event: EngineEventOf<'OrderFilled'>, closesBooksOutside: boolean): void {
  book.trades.add(order.orderId, event.tradeId);
  // Dated by the broker's execution time when it differs (a fill reconciled after a restart).
  const fill: PositionFill = {
    accountId: order.accountId,
    instrumentId: order.instrumentId,
    product: order.product,
    side: order.side,
    quantity: event.quantity,
    price: event.price,
    at: event.executedAt ?? event.at,
  };
  let net = book.netPosition(order.instrumentId, order.product);
  if (!net) book.addNetPosition((net = emptyPosition(order.accountId, order.instrumentId, order.product, NET_BOOK)));
  const netBefore = net.netQuantity;
  // The day P&L terms take the position's part out and back in around the fill (exact, see DayPnlTerms).
  const terms = book.dayPnl.day === -1 ? null : book.dayPnl;
  terms?.add(net, -1);
  applyFillInPlace(net, fill);
  terms?.add(net, 1);
  book.netPositionMoved(netBefore, net.netQuantity);
  book.addNet(order.instrumentId, order.side === 'BUY' ? event.quantity : -event.quantity);
  const attribution = bookOf(order);
  if (attribution) {
    let attributed = book.books.get(bookKey(order.instrumentId, order.product, attribution.strategyId, attribution.portfolioId));
    if (!attributed) book.addBookPosition((attributed = emptyPosition(order.accountId, order.instrumentId, order.product, attribution)));
    applyFillInPlace(attributed, fill);
  } else if (closesBooksOutside && netBefore !== 0 && netBefore > 0 !== (order.side === 'BUY')) {
    closeBooksOutside(book.booksOn(order.instrumentId), netBefore, fill);
  }
}
