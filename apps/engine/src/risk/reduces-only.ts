import type { Side } from '@strikedesk/domain';
import type { WorkingTotals } from '../orders/account-book.ts';

/**
 * The order takes the account's position in its product towards flat and not past it — counting
 * the account's other working orders on the same side, which would reduce it too. Such an order is
 * how a trader gets out, so no position limit and no daily-loss stop refuses it (ADR 0011). A flip
 * through zero is not one (its part beyond flat is a new position on the other side), nor is an
 * order in another product: a broker nets MIS and NRML apart, so a SELL MIS against an NRML long
 * opens an MIS short.
 */
export function reducesOnly(order: {
  side: Side;
  /** What the order would still trade (a modify: its new quantity less what is filled). */
  quantity: number;
  /** The signed net quantity of the position in the order's product. */
  net: number;
  /**
   * The instrument's working totals over every product (an index per product is not kept: other
   * products' orders on the same side count too, which can only make this stricter).
   */
  working: WorkingTotals | undefined;
  /** A modify's own working quantity, which is among the working totals and is being replaced. */
  ownWorking: number;
}): boolean {
  const { net } = order;
  if (net === 0 || (net > 0) === (order.side === 'BUY')) return false;
  const sameSide = (order.side === 'BUY' ? (order.working?.buy ?? 0) : (order.working?.sell ?? 0)) - order.ownWorking;
  return sameSide + order.quantity <= Math.abs(net);
}
