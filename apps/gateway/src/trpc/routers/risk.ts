import { authedProcedure, router } from '../trpc.ts';

export const riskRouter = router({
  /** The caller's own account's risk limits and their version, so anyone can see what binds them. */
  limits: authedProcedure.query(({ ctx }) => ctx.services.engine.riskLimits(ctx.user.accountId)),
});
