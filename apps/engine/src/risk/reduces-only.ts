import type { Side } from '@strikedesk/domain';
import type { InstrumentExposure } from '../orders/account-book.ts';

/**
 * The order takes the account's net position on its instrument towards flat and not past it —
 * counting the account's other working orders on the same side, which would reduce it too. Such an
 * order is how a trader gets out, so no limit and no daily-loss stop refuses it (ADR 0011). A flip
 * through zero is not one: its part beyond flat is a new position on the other side.
 */
export function reducesOnly(order: {
  side: Side;
  /** What the order would still trade (a modify: its new quantity less what is filled). */
  quantity: number;
  /** The instrument's working totals and net (summed over products); undefined = none. */
  exposure: InstrumentExposure | undefined;
  /** A modify's own working quantity, which is among the working totals and is being replaced. */
  ownWorking: number;
}): boolean {
  const net = order.exposure?.net ?? 0;
  if (net === 0 || (net > 0) === (order.side === 'BUY')) return false;
  const exposure = order.exposure as InstrumentExposure;
  const sameSide = (order.side === 'BUY' ? exposure.buy : exposure.sell) - order.ownWorking;
  return sameSide + order.quantity <= Math.abs(net);
}
