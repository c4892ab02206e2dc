import { RecentHaltsQuerySchema, ReleaseHaltInputSchema } from '@strikedesk/domain';
import { adminProcedure, router } from '../trpc.ts';

export const adminHaltsRouter = router({
  /** Every active halt, whatever its account. */
  active: adminProcedure.query(({ ctx }) => ctx.services.engine.activeHalts()),
  /** The audit trail, newest first: active and released halts, of every account or one (with global ones). */
  recent: adminProcedure.input(RecentHaltsQuerySchema).query(({ ctx, input }) => ctx.services.engine.recentHalts(input)),
  /** Lets trading resume; the note (≥ 3 characters) says why. HALT_NOT_FOUND when it is not active. */
  release: adminProcedure.input(ReleaseHaltInputSchema).mutation(async ({ ctx, input }) => {
    const halt = await ctx.services.engine.releaseHalt({ userId: ctx.user.userId, release: input });
    ctx.services.logger.warn(
      { haltId: halt.id, scope: halt.scope, accountId: halt.accountId, kind: halt.kind, note: halt.releaseNote, by: ctx.user.userId },
      'trading halt released',
    );
    return halt;
  }),
});
