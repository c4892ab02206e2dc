import type { AccountId, InstrumentId, StrategyId } from '@strikedesk/domain';
import type { TradingState } from '../orders/trading-state.ts';

/**
 * A strategy's signed position in one instrument as a new alert must see it: its virtual book
 * (over products) plus what its working orders would still add. Counting working orders keeps two
 * quick alerts from both acting on the same flat position.
 */
export function strategyExposure(state: TradingState, accountId: AccountId, strategyId: StrategyId, instrumentId: InstrumentId): number {
  let units = 0;
  for (const position of state.bookPositionsOf(accountId)) {
    if (position.strategyId === strategyId && position.instrumentId === instrumentId) units += position.netQuantity;
  }
  for (const order of state.openOrdersOf(accountId)) {
    if (order.strategyId !== strategyId || order.instrumentId !== instrumentId) continue;
    const remaining = order.quantity - order.filledQuantity;
    units += order.side === 'BUY' ? remaining : -remaining;
  }
  return units;
}
