import type { AccountId, InstrumentId, Product, Side, StrategyId } from '@strikedesk/domain';
import type { TradingState } from '../orders/trading-state.ts';
import { exitLimit } from '../risk/reduces-only.ts';

/**
 * How much of an alert that reduces the strategy's position (EXIT, a target of 0, a partial exit)
 * may be sent. Such an order is sized from the strategy's book; a trader may have closed that
 * position from the order ticket meanwhile — an order the book never sees — and the order would
 * then open a new position the other way. It goes no further than what the account still holds
 * for the strategy in the order's product (exitLimit, ADR 0011), plus what the strategy's working
 * orders on the position's side would add if they fill.
 */
export function strategyExitQuantity(
  state: TradingState,
  args: { accountId: AccountId; strategyId: StrategyId; instrumentId: InstrumentId; product: Product; side: Side; quantity: number },
): number {
  const { accountId, strategyId, instrumentId, product, quantity } = args;
  const closesLong = args.side === 'SELL';
  const book = { strategyId, portfolioId: null };
  const booked = state.bookQuantity(accountId, instrumentId, product, book);
  let adding = 0;
  for (const order of state.openOrdersOf(accountId)) {
    if (order.strategyId !== strategyId || order.instrumentId !== instrumentId || order.product !== product) continue;
    if ((order.side === 'BUY') === closesLong) adding += order.quantity - order.filledQuantity;
  }
  const held = Math.min(Math.max(0, closesLong ? booked : -booked), exitLimit(state, accountId, { instrumentId, product }, book, closesLong));
  return Math.min(quantity, held + adding);
}
