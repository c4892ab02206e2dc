import {
  CreatePortfolioCommandSchema,
  PortfolioCommandSchema,
  PortfolioListQuerySchema,
  UpdatePortfolioCommandSchema,
} from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

/** Multi-leg portfolios; the gateway names the authenticated user, and a portfolio is only ever its owner's. */
export const portfoliosRouter = router({
  list: authedProcedure.input(PortfolioListQuerySchema).query(({ ctx, input }) => ctx.services.portfolios.list(input.userId)),
  get: authedProcedure.input(PortfolioCommandSchema).query(({ ctx, input }) => ctx.services.portfolios.get(input.portfolioId, input.userId)),
  create: authedProcedure.input(CreatePortfolioCommandSchema).mutation(({ ctx, input }) => ctx.services.portfolios.create(input.userId, input.accountId, input.definition)),
  update: authedProcedure
    .input(UpdatePortfolioCommandSchema)
    .mutation(({ ctx, input }) => ctx.services.portfolios.update(input.portfolioId, input.userId, input.expectedVersion, input.definition)),
  remove: authedProcedure.input(PortfolioCommandSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.portfolios.remove(input.portfolioId, input.userId);
    return { removed: true as const };
  }),
  start: authedProcedure.input(PortfolioCommandSchema).mutation(({ ctx, input }) => ctx.services.portfolios.startPortfolio(input.portfolioId, input.userId)),
  exit: authedProcedure.input(PortfolioCommandSchema).mutation(({ ctx, input }) => ctx.services.portfolios.exit(input.portfolioId, input.userId)),
  stop: authedProcedure.input(PortfolioCommandSchema).mutation(({ ctx, input }) => ctx.services.portfolios.stop(input.portfolioId, input.userId)),
});
