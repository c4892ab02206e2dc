import { AccountIdSchema, StrategyIdSchema, strategyPerformance, type StrategyFill } from '@strikedesk/domain';
import { z } from 'zod';
import { authedProcedure, router } from './trpc.ts';

export const strategiesRouter = router({
  /** Closed trades, equity curve, drawdown and win rate of a strategy's virtual book in an account. */
  performance: authedProcedure.input(z.object({ accountId: AccountIdSchema, strategyId: StrategyIdSchema })).query(({ ctx, input }) => {
    const fills: StrategyFill[] = ctx.services.state
      .ordersOf(input.accountId)
      .filter((order) => order.strategyId === input.strategyId && order.filledQuantity > 0)
      .map((order) => ({ at: order.updatedAt, instrumentId: order.instrumentId, side: order.side, quantity: order.filledQuantity, value: order.filledValue }));
    return strategyPerformance(input.strategyId, fills);
  }),
});
