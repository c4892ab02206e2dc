import { authedProcedure, router } from '../trpc.ts';

export const positionsRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.engine.listPositions(ctx.user.accountId)),
  /** Greeks of the caller's own account only: the account comes from the token, never the input. */
  greeks: authedProcedure.query(({ ctx }) => ctx.services.engine.accountGreeks(ctx.user.accountId)),
});
