import type { AccountId, InstrumentId, Order, Product, Side, StrategyId } from '@strikedesk/domain';
import type { TradingState } from '../orders/trading-state.ts';
import { exitLimit } from '../risk/reduces-only.ts';

/**
 * The strategy's open orders in the instrument that add to the position a reduce on `side` closes
 * (its buys when it sells, its sells when it buys), in any product.
 */
export function workingAdds(state: TradingState, args: { accountId: AccountId; strategyId: StrategyId; instrumentId: InstrumentId; side: Side }): Order[] {
  return state.openOrdersOf(args.accountId).filter((order) => order.strategyId === args.strategyId && order.instrumentId === args.instrumentId && order.side !== args.side);
}

/**
 * How much of an alert that reduces the strategy's position (EXIT, a target of 0, a partial exit)
 * may be sent. Such an order is sized from the strategy's book; a trader may have closed that
 * position from the order ticket meanwhile — an order the book never sees — and the order would
 * then open a new position the other way. It goes no further than what the account still holds
 * for the strategy in the order's product (exitLimit, ADR 0011), plus what the strategy's orders
 * on the position's side still in flight (sent, not yet acknowledged) will add: those are about to
 * fill. An order working at the broker is not counted: it may rest unfilled (a LIMIT the market
 * left), and an exit sized on it would open a position the other way — the caller cancels such
 * orders before a reduce needs them (process-signal), and one whose cancel is pending may never fill.
 */
export function strategyExitQuantity(
  state: TradingState,
  args: { accountId: AccountId; strategyId: StrategyId; instrumentId: InstrumentId; product: Product; side: Side; quantity: number },
): number {
  const { accountId, strategyId, instrumentId, product, quantity } = args;
  const closesLong = args.side === 'SELL';
  const book = { strategyId, portfolioId: null };
  const booked = state.bookQuantity(accountId, instrumentId, product, book);
  let inFlight = 0;
  for (const order of workingAdds(state, args)) {
    if (order.product === product && order.status === 'SUBMITTED') inFlight += order.quantity - order.filledQuantity;
  }
  const held = Math.min(Math.max(0, closesLong ? booked : -booked), exitLimit(state, accountId, { instrumentId, product }, book, closesLong));
  return Math.max(0, Math.min(quantity, held + inFlight));
}
