import { AccountQuerySchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const positionsRouter = router({
  /** Net positions per instrument and product (what the broker holds), open or traded today. */
  list: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.orders.listPositions(input.accountId)),
  /** Positions attributed to strategies and multi-leg portfolios (virtual books). */
  books: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.orders.listBookPositions(input.accountId)),
});
