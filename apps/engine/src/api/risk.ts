import { z } from 'zod';
import { AccountIdSchema, GreekLimitSchema, UserIdSchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const riskRouter = router({
  greekLimits: router({
    list: authedProcedure
      .input(z.object({ accountId: AccountIdSchema.optional() }))
      .query(({ ctx, input }) => ctx.services.greekLimits.list(input.accountId)),
    /** Both maxima null removes the limit. `userId` is the admin who set it (audit). */
    set: authedProcedure
      .input(GreekLimitSchema.extend({ userId: UserIdSchema }))
      .mutation(({ ctx, input }) => {
        const { userId, ...limit } = input;
        return ctx.services.greekLimits.set(limit, userId);
      }),
  }),
});
