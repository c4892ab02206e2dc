import type { AccountId, InstrumentId, Product, StrategyId } from '@strikedesk/domain';
import type { TradingState } from '../orders/trading-state.ts';
import { exitLimit } from '../risk/reduces-only.ts';

/**
 * How much of an alert that takes the strategy flat (EXIT, or a target of 0) may be sent. Such an
 * order is sized from the strategy's book; a trader may have closed that position from the order
 * ticket meanwhile — an order the book never sees — and the exit would then open a new position
 * the other way. It goes no further than what the account still holds for the strategy (exitLimit,
 * ADR 0011). Not clamped while an order of the strategy works on the instrument: a working entry
 * may still fill, and the exit sized to cover it is right.
 */
export function strategyExitQuantity(
  state: TradingState,
  args: { accountId: AccountId; strategyId: StrategyId; instrumentId: InstrumentId; product: Product; quantity: number },
): number {
  const { accountId, strategyId, instrumentId, product, quantity } = args;
  if (state.openOrdersOf(accountId).some((order) => order.strategyId === strategyId && order.instrumentId === instrumentId)) return quantity;
  let booked = 0;
  for (const position of state.bookPositionsOf(accountId)) {
    if (position.strategyId === strategyId && position.portfolioId === null && position.instrumentId === instrumentId && position.product === product) booked += position.netQuantity;
  }
  if (booked === 0) return quantity;
  return Math.min(quantity, exitLimit(state, accountId, { instrumentId, product }, { strategyId, portfolioId: null }, booked > 0));
}
