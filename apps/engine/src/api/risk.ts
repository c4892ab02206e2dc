import { z } from 'zod';
import { AccountIdSchema, AccountQuerySchema, GreekLimitSchema, SetRiskLimitsCommandSchema, UserIdSchema } from '@strikedesk/domain';
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
  limits: router({
    /** The account's current limits and their version (0 = engine defaults). */
    get: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.riskLimits.get(input.accountId)),
    /** Accounts with an admin-set version. */
    list: authedProcedure.query(({ ctx }) => ctx.services.riskLimits.list()),
    history: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.riskLimits.history(input.accountId)),
    /** A new version based on `baseVersion`; RISK_LIMITS_VERSION_CONFLICT when someone else changed it first. */
    set: authedProcedure.input(SetRiskLimitsCommandSchema).mutation(({ ctx, input }) => ctx.services.riskLimits.set(input.change, input.userId)),
  }),
});
