import { authedProcedure, router } from '../trpc.ts';

export const positionsRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.engine.listPositions(ctx.user.accountId)),
});
