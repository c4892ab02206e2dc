import { canAdminister, DomainError, EngageKillSwitchInputSchema } from '@strikedesk/domain';
import { router, traderProcedure } from '../trpc.ts';

export const killSwitchRouter = router({
  /**
   * The terminal's kill switch: halts the caller's own account (ACCOUNT), or — admins only — every
   * account (GLOBAL); cancels the open orders in scope and, with `flatten`, squares off. Stays
   * engaged until an admin releases it.
   */
  engage: traderProcedure.input(EngageKillSwitchInputSchema).mutation(async ({ ctx, input }) => {
    if (input.scope === 'GLOBAL' && !canAdminister(ctx.user.role)) {
      throw new DomainError('FORBIDDEN_ROLE', 'Only an admin can halt trading for every account; use the kill switch for your own account.');
    }
    const halt = await ctx.services.engine.engageKillSwitch({ accountId: ctx.user.accountId, userId: ctx.user.userId, halt: input });
    ctx.services.logger.warn(
      { haltId: halt.id, scope: halt.scope, accountId: halt.accountId, flatten: input.flatten, reason: input.reason, by: ctx.user.userId },
      'kill switch engaged',
    );
    return halt;
  }),
});
