import type { AccountId, OrderSpec, PositionBook, Side } from '@strikedesk/domain';
import type { AccountRiskView } from './account-risk-check.ts';

/**
 * The order takes the account's position in its product towards flat and not past it — counting
 * the account's other working orders on the same side, which would reduce it too. Such an order is
 * how a trader gets out, so no position limit and no daily-loss stop refuses it (ADR 0011), nor the
 * intraday cut-off. A flip through zero is not one (its part beyond flat is a new position on the
 * other side), nor is an order in another product: a broker nets MIS and NRML apart, so a SELL MIS
 * against an NRML long opens an MIS short.
 */
export function reducesOnly(order: {
  side: Side;
  /** What the order would still trade (a modify: its new quantity less what is filled). */
  quantity: number;
  /** The signed net quantity of the position in the order's product. */
  net: number;
  /** The account's other working orders on the order's side (a modify's own excluded). */
  sameSideWorking: number;
}): boolean {
  const { net } = order;
  if (net === 0 || (net > 0) === (order.side === 'BUY')) return false;
  return order.sameSideWorking + order.quantity <= Math.abs(net);
}

/**
 * How much of a long (`long`) or short position an exit attributed to `book` (null: unattributed)
 * may close, in one instrument and product: what the account holds on that side, or — when more —
 * what it holds beyond the account's other virtual books (strategies, portfolios), which are
 * theirs to close. A portfolio long 50 beside another short 50 of the same option leaves the
 * account flat, yet the first's exit (sell 50) is right; after a trader bought back a portfolio's
 * short 50 from the ticket (unattributed), the portfolio's exit (buy 50) would open a long.
 * Either bound alone is wrong somewhere: the account's net refuses the first case, the net less
 * the other books refuses a flatten's exits when two books on one side were partly closed by hand
 * (books +50 and +50, the trader sold 30: the flatten's sell 50 for the first book is right).
 *
 * With `countWorkingExits`, each bound is less what the exits already working on that side will
 * close (orders of an exit origin; not one whose cancel is pending — a flatten sends its exits
 * while the cancels it asked for are unconfirmed): all of them from the account's holding, this
 * book's and the unattributed ones from what it holds beyond the other books (the other books'
 * exits close their own parts). Two exits racing for one position — a portfolio's exit retried
 * after a kill switch cancelled it, while the kill switch's flatten works — would both pass
 * otherwise, and the second open a position the other way. A halt's flatten does not count them
 * (ADR 0011): it has cancelled every other order first and runs once, so an exit still working
 * then (one the broker could not cancel yet) must not leave the position open.
 *
 * The decider refuses an exit (an order of an exit origin) past it: exits pass halts and limits
 * because they only reduce. They are sized from a book that a trader's own orders may have closed
 * meanwhile; sent past the position, an exit would open a new one (a naked short option) that no
 * check looked at. The trader's own working orders never count: a flatten cancels them first.
 */
export function exitLimit(
  view: Pick<AccountRiskView, 'netQuantity' | 'bookedQuantity' | 'bookQuantity' | 'workingExitQuantity'>,
  accountId: AccountId,
  position: { instrumentId: string; product: OrderSpec['product'] },
  book: PositionBook | null,
  long: boolean,
  countWorkingExits = true,
): number {
  const { instrumentId, product } = position;
  const net = view.netQuantity(accountId, instrumentId, product);
  const beyondOtherBooks = net - (view.bookedQuantity?.(accountId, instrumentId, product, book) ?? 0);
  const onSide = (quantity: number): number => (quantity !== 0 && quantity > 0 === long ? Math.abs(quantity) : 0);
  const side = long ? 'SELL' : 'BUY';
  const working = (ofBook?: PositionBook | null, alsoUnattributed = true): number =>
    countWorkingExits ? (view.workingExitQuantity?.(accountId, instrumentId, product, side, ofBook, alsoUnattributed) ?? 0) : 0;
  const limit = Math.max(onSide(net) - working(), onSide(beyondOtherBooks) - working(book));
  // A book's exit closes no more than the book holds, less its own exits already working: since
  // the fold closes books from outside fills (ADR 0010) a book is what the account holds for it,
  // and without this cap one book's second exit could take what another book's exit needs.
  const own = book === null || view.bookQuantity === undefined ? Infinity : onSide(view.bookQuantity(accountId, instrumentId, product, book)) - working(book, false);
  return Math.max(0, Math.min(limit, own));
}

/**
 * The same for an order the pre-trade checks see, from the risk view. Its working totals are over
 * every product (no index per product is kept): other products' orders on the same side count too,
 * which can only make this stricter.
 */
export function reducesOnlyInView(
  view: Pick<AccountRiskView, 'netQuantity' | 'exposures'>,
  accountId: AccountId,
  spec: Pick<OrderSpec, 'instrumentId' | 'side' | 'product' | 'quantity'>,
  existing: { workingQuantity: number; filledQuantity: number } | undefined,
): boolean {
  const working = view.exposures(accountId).get(spec.instrumentId);
  const sameSide = spec.side === 'BUY' ? (working?.buy ?? 0) : (working?.sell ?? 0);
  return reducesOnly({
    side: spec.side,
    quantity: spec.quantity - (existing?.filledQuantity ?? 0),
    net: view.netQuantity(accountId, spec.instrumentId, spec.product),
    sameSideWorking: sameSide - (existing?.workingQuantity ?? 0),
  });
}
