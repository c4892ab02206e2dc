import { authedProcedure, router } from '../trpc.ts';

export const haltsRouter = router({
  /** Halts that stop the caller's orders now: on their own account, and global ones. */
  active: authedProcedure.query(({ ctx }) => ctx.services.engine.activeHalts(ctx.user.accountId)),
});
