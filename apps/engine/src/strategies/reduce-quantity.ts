import { DomainError, type AccountId, type Instrument, type Product, type Side, type StrategyId, type UserId } from '@strikedesk/domain';
import type { OrderManager } from '../orders/order-manager.ts';
import { isCancelable } from '../orders/order-decider.ts';
import type { TradingState } from '../orders/trading-state.ts';
import { strategyExitQuantity, workingAdds } from './strategy-exit-limit.ts';
import { strategyExposure } from './strategy-exposure.ts';

export type ReduceArgs = {
  accountId: AccountId;
  userId: UserId;
  strategyId: StrategyId;
  instrument: Pick<Instrument, 'id'>;
  product: Product;
  side: Side;
  /** What the intent asked for, from the book plus working orders. */
  quantity: number;
  /** The signed position the alert asks for. */
  targetPosition: number;
};

/**
 * What an alert that reduces the strategy's position sends, and which of the strategy's working
 * orders it cancelled first. The intent counts working orders as if filled (two quick alerts must
 * not both act on one flat position); when the reduce needs more than the account holds for the
 * strategy, the rest is an entry still working at the broker — a LIMIT the market left may never
 * fill, and selling what was never bought opens a position the other way. Those orders are
 * cancelled (an exit ends the strategy's intent to enter), then the reduce is sized again to the
 * target from what the strategy holds and still works, less any order whose cancel is unconfirmed
 * (it may not fill). A restart after the cancels finds them final and sizes the same way.
 */
export async function reduceQuantity(deps: { state: TradingState; orders: OrderManager }, args: ReduceArgs): Promise<{ quantity: number; canceledOrderIds: string[] }> {
  const { state } = deps;
  const exitArgs = { accountId: args.accountId, strategyId: args.strategyId, instrumentId: args.instrument.id, product: args.product, side: args.side };
  if (strategyExitQuantity(state, { ...exitArgs, quantity: args.quantity }) >= args.quantity) return { quantity: args.quantity, canceledOrderIds: [] };

  const canceledOrderIds: string[] = [];
  for (const order of workingAdds(state, exitArgs)) {
    if (!isCancelable(order)) continue; // in flight: counted by strategyExitQuantity, it is about to fill
    try {
      await deps.orders.cancel({ accountId: args.accountId, userId: args.userId, cancel: { orderId: order.orderId } });
      canceledOrderIds.push(order.orderId);
    } catch (error) {
      // Filled (or finished) between the look and the cancel: what it traded is in the book now.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  let exposure = strategyExposure(state, args.accountId, args.strategyId, args.instrument.id);
  for (const order of workingAdds(state, exitArgs)) {
    if (order.status === 'PENDING_CANCEL') exposure -= (order.side === 'BUY' ? 1 : -1) * (order.quantity - order.filledQuantity);
  }
  const toTarget = args.side === 'SELL' ? exposure - args.targetPosition : args.targetPosition - exposure;
  return { quantity: toTarget <= 0 ? 0 : strategyExitQuantity(state, { ...exitArgs, quantity: toTarget }), canceledOrderIds };
}
