import { DomainError, RecentHaltsQuerySchema, ReleaseHaltInputSchema } from '@strikedesk/domain';
import { adminProcedure, router } from '../trpc.ts';

/** Halt ids are a PostgreSQL `serial`: a larger number names no halt (and the database would 500 on it). */
const MAX_HALT_ID = 2_147_483_647;

export const adminHaltsRouter = router({
  /** Every active halt, whatever its account. */
  active: adminProcedure.query(({ ctx }) => ctx.services.engine.activeHalts()),
  /** The audit trail, newest first: active and released halts, of every account or one (with global ones). */
  recent: adminProcedure.input(RecentHaltsQuerySchema).query(({ ctx, input }) => ctx.services.engine.recentHalts(input)),
  /** Lets trading resume; the note (≥ 3 characters) says why. HALT_NOT_FOUND when it is not active. */
  release: adminProcedure.input(ReleaseHaltInputSchema).mutation(async ({ ctx, input }) => {
    if (input.haltId > MAX_HALT_ID) throw new DomainError('HALT_NOT_FOUND', `No active halt ${input.haltId}: it was released already or never existed.`);
    const halt = await ctx.services.engine.releaseHalt({ userId: ctx.user.userId, release: input });
    ctx.services.logger.warn(
      { haltId: halt.id, scope: halt.scope, accountId: halt.accountId, kind: halt.kind, note: halt.releaseNote, by: ctx.user.userId },
      'trading halt released',
    );
    return halt;
  }),
});
