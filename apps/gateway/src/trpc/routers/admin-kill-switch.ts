import { AdminEngageKillSwitchInputSchema } from '@strikedesk/domain';
import { assertKnownAccount } from '../known-account.ts';
import { adminProcedure, router } from '../trpc.ts';

export const adminKillSwitchRouter = router({
  /** The kill switch for a named account (ACCOUNT) or for every account (GLOBAL). */
  engage: adminProcedure.input(AdminEngageKillSwitchInputSchema).mutation(async ({ ctx, input }) => {
    const { accountId, ...halt } = input;
    if (accountId !== undefined) await assertKnownAccount(ctx.services.identity, accountId);
    // GLOBAL names no account; the engine's command still carries one (the admin's own, unused).
    const engaged = await ctx.services.engine.engageKillSwitch({ accountId: accountId ?? ctx.user.accountId, userId: ctx.user.userId, halt });
    ctx.services.logger.warn(
      { haltId: engaged.id, scope: engaged.scope, accountId: engaged.accountId, flatten: halt.flatten, reason: halt.reason, by: ctx.user.userId },
      'kill switch engaged by an admin',
    );
    return engaged;
  }),
});
