import { AccountQuerySchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const positionsRouter = router({
  list: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.orders.listPositions(input.accountId)),
});
