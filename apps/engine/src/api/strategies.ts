import { AccountIdSchema, istDayNumber, PortfolioIdSchema, SignalCheckQuerySchema, StrategyIdSchema, strategyPerformance, type StrategyFill } from '@strikedesk/domain';
import { z } from 'zod';
import { authedProcedure, router } from './trpc.ts';

export const strategiesRouter = router({
  /**
   * Closed trades, equity curve, drawdown and win rate of a strategy's virtual book over the
   * accounts it traded in (its live account and, in paper mode, the owner's paper account), and
   * what is still open marked at the latest tick — the same quotes the positions views mark at.
   */
  // A portfolio strategy's trades are its linked portfolio's (portfolio orders carry only the portfolio id).
  performance: authedProcedure
    .input(z.object({ accountIds: z.array(AccountIdSchema).min(1).max(4), strategyId: StrategyIdSchema, portfolioId: PortfolioIdSchema.optional() }))
    .query(({ ctx, input }) => {
    const fills: StrategyFill[] = [...new Set(input.accountIds)]
      .flatMap((accountId) => ctx.services.state.ordersOf(accountId))
      .filter((order) => (input.portfolioId ? order.portfolioId === input.portfolioId : order.strategyId === input.strategyId) && order.filledQuantity > 0)
      .map((order) => ({ at: order.updatedAt, instrumentId: order.instrumentId, side: order.side, quantity: order.filledQuantity, value: order.filledValue }));
    const { market, clock } = ctx.services;
    return strategyPerformance(input.strategyId, fills, { quoteOf: (instrumentId) => market.latest(instrumentId), today: istDayNumber(clock.now()) });
  }),
  /** What an alert would do now (the gateway's "Check a message" dry run): nothing is cancelled, sent or stored. */
  checkSignal: authedProcedure.input(SignalCheckQuerySchema).query(({ ctx, input }) => ctx.services.signals.check(input)),
});
