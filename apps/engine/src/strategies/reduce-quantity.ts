import { DomainError, type AccountId, type Instrument, type Order, type Product, type Side, type StrategyId, type UserId } from '@strikedesk/domain';
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
  const held = quantityWithoutCancels(state, args);
  if (held !== null) return { quantity: held, canceledOrderIds: [] };

  const canceledOrderIds: string[] = [];
  for (const order of entriesToCancel(state, args)) {
    try {
      await deps.orders.cancel({ accountId: args.accountId, userId: args.userId, cancel: { orderId: order.orderId } });
      canceledOrderIds.push(order.orderId);
    } catch (error) {
      // Filled (or finished) between the look and the cancel: what it traded is in the book now.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { quantity: quantityToTarget(state, args, (order) => order.status === 'PENDING_CANCEL'), canceledOrderIds };
}

/**
 * What reduceQuantity would send and cancel, without cancelling anything (the alert dry run): the
 * same steps, with the orders it would cancel counted as cancelled.
 */
export function previewReduceQuantity(state: TradingState, args: ReduceArgs): { quantity: number; canceledOrderIds: string[] } {
  const held = quantityWithoutCancels(state, args);
  if (held !== null) return { quantity: held, canceledOrderIds: [] };
  const toCancel = entriesToCancel(state, args);
  const canceled = new Set(toCancel.map((order) => order.orderId));
  return { quantity: quantityToTarget(state, args, (order) => order.status === 'PENDING_CANCEL' || canceled.has(order.orderId)), canceledOrderIds: [...canceled] };
}

const exitArgsOf = (args: ReduceArgs) => ({ accountId: args.accountId, strategyId: args.strategyId, instrumentId: args.instrument.id, product: args.product, side: args.side });

/** The whole reduce when the strategy holds (or has in flight) enough for it; null when entries still resting must be cancelled first. */
function quantityWithoutCancels(state: TradingState, args: ReduceArgs): number | null {
  return strategyExitQuantity(state, { ...exitArgsOf(args), quantity: args.quantity }) >= args.quantity ? args.quantity : null;
}

/** The strategy's resting entries that the reduce would need and that can be cancelled (in flight ones are about to fill). */
function entriesToCancel(state: TradingState, args: ReduceArgs): Order[] {
  return workingAdds(state, exitArgsOf(args)).filter(isCancelable);
}

/** The reduce sized again to the target from what is held and still works, less the orders `gone` (cancelled or cancelling: they may not fill). */
function quantityToTarget(state: TradingState, args: ReduceArgs, gone: (order: Order) => boolean): number {
  const exitArgs = exitArgsOf(args);
  let exposure = strategyExposure(state, args.accountId, args.strategyId, args.instrument.id);
  for (const order of workingAdds(state, exitArgs)) {
    if (gone(order)) exposure -= (order.side === 'BUY' ? 1 : -1) * (order.quantity - order.filledQuantity);
  }
  const toTarget = args.side === 'SELL' ? exposure - args.targetPosition : args.targetPosition - exposure;
  return toTarget <= 0 ? 0 : strategyExitQuantity(state, { ...exitArgs, quantity: toTarget });
}
