import { z } from 'zod';
import { AccountIdSchema, GreekLimitSchema } from '@strikedesk/domain';
import { adminProcedure, router } from '../trpc.ts';

export const adminRiskRouter = router({
  greekLimits: router({
    list: adminProcedure
      .input(z.object({ accountId: AccountIdSchema.optional() }).optional())
      .query(({ ctx, input }) => ctx.services.engine.listGreekLimits(input?.accountId)),
    /** Both maxima null removes the limit; the engine records which admin set it. */
    set: adminProcedure.input(GreekLimitSchema).mutation(async ({ ctx, input }) => {
      const record = await ctx.services.engine.setGreekLimit(input, ctx.user.userId);
      ctx.services.logger.info({ accountId: input.accountId, underlying: record.underlying, by: ctx.user.userId }, 'greek limit set');
      return record;
    }),
  }),
});
