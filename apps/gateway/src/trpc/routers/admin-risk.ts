import { z } from 'zod';
import { AccountIdSchema, AccountQuerySchema, GreekLimitSchema, SetRiskLimitsInputSchema } from '@strikedesk/domain';
import { assertKnownAccount } from '../known-account.ts';
import { adminProcedure, router } from '../trpc.ts';

export const adminRiskRouter = router({
  greekLimits: router({
    list: adminProcedure
      .input(z.object({ accountId: AccountIdSchema.optional() }).optional())
      .query(({ ctx, input }) => ctx.services.engine.listGreekLimits(input?.accountId)),
    /** Both maxima null removes the limit; the engine records which admin set it. */
    set: adminProcedure.input(GreekLimitSchema).mutation(async ({ ctx, input }) => {
      // The engine stores a limit for any id: one for an account nobody owns would limit no one.
      await assertKnownAccount(ctx.services.identity, input.accountId);
      const record = await ctx.services.engine.setGreekLimit(input, ctx.user.userId);
      ctx.services.logger.info({ accountId: input.accountId, underlying: record.underlying, by: ctx.user.userId }, 'greek limit set');
      return record;
    }),
  }),
  limits: router({
    /** The current version of every account with admin-set limits (the others run on version 0). */
    list: adminProcedure.query(({ ctx }) => ctx.services.engine.listRiskLimits()),
    /** Every version of one account's limits, newest first (the first is current), ending with version 0. */
    history: adminProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.engine.riskLimitsHistory(input.accountId)),
    /**
     * A new version of the whole set, based on `baseVersion` (what the admin was looking at):
     * RISK_LIMITS_VERSION_CONFLICT when someone saved in between. Records the admin as its author.
     */
    set: adminProcedure.input(SetRiskLimitsInputSchema).mutation(async ({ ctx, input }) => {
      await assertKnownAccount(ctx.services.identity, input.accountId);
      const version = await ctx.services.engine.setRiskLimits(input, ctx.user.userId);
      ctx.services.logger.info(
        { accountId: version.accountId, version: version.version, limits: version.limits, comment: version.comment, by: ctx.user.userId },
        'risk limits set',
      );
      return version;
    }),
  }),
});
