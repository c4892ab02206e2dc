import type { AccountId, OrderSpec, Side } from '@strikedesk/domain';
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
