import { CreatePortfolioInputSchema, PortfolioRefSchema, UpdatePortfolioInputSchema } from '@strikedesk/domain';
import { authedProcedure, router, traderProcedure } from '../trpc.ts';

// Portfolios are the caller's own: every engine call names ctx.user.userId, so another trader's
// portfolio is PORTFOLIO_NOT_FOUND. New portfolios trade for the caller's account.
export const portfoliosRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.engine.portfolios.list(ctx.user.userId)),
  get: authedProcedure.input(PortfolioRefSchema).query(({ ctx, input }) => ctx.services.engine.portfolios.get({ ...input, userId: ctx.user.userId })),
  create: traderProcedure
    .input(CreatePortfolioInputSchema)
    .mutation(({ ctx, input }) => ctx.services.engine.portfolios.create({ definition: input.definition, userId: ctx.user.userId, accountId: ctx.user.accountId })),
  update: traderProcedure.input(UpdatePortfolioInputSchema).mutation(({ ctx, input }) => ctx.services.engine.portfolios.update({ ...input, userId: ctx.user.userId })),
  remove: traderProcedure.input(PortfolioRefSchema).mutation(({ ctx, input }) => ctx.services.engine.portfolios.remove({ ...input, userId: ctx.user.userId })),
  /** Arms the portfolio: its entry rule is watched from now on (an immediate entry starts at once). */
  start: traderProcedure.input(PortfolioRefSchema).mutation(({ ctx, input }) => ctx.services.engine.portfolios.start({ ...input, userId: ctx.user.userId })),
  /** Squares off the portfolio's positions now and closes it. */
  exit: traderProcedure.input(PortfolioRefSchema).mutation(({ ctx, input }) => ctx.services.engine.portfolios.exit({ ...input, userId: ctx.user.userId })),
  /** Stops the automation; positions are kept. */
  stop: traderProcedure.input(PortfolioRefSchema).mutation(({ ctx, input }) => ctx.services.engine.portfolios.stop({ ...input, userId: ctx.user.userId })),
});
