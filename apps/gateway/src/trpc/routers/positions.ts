import { SquareOffInputSchema } from '@strikedesk/domain';
import { authedProcedure, router, traderProcedure } from '../trpc.ts';

// The account is always the caller's own (from the token): no input names one.
export const positionsRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.engine.listPositions(ctx.user.accountId)),
  /** Positions attributed to strategies and multi-leg portfolios (virtual books). */
  books: authedProcedure.query(({ ctx }) => ctx.services.engine.positionBooks(ctx.user.accountId)),
  /** Greeks of the caller's own account only: the account comes from the token, never the input. */
  greeks: authedProcedure.query(({ ctx }) => ctx.services.engine.accountGreeks(ctx.user.accountId)),
  /**
   * Cancels the open orders on the chosen positions (all when none is named) and closes them with
   * MARKET orders; NOTHING_TO_SQUARE_OFF when there is nothing to do. Allowed during a halt: it only
   * reduces risk.
   */
  squareOff: traderProcedure.input(SquareOffInputSchema).mutation(async ({ ctx, input }) => {
    const result = await ctx.services.engine.squareOff({ accountId: ctx.user.accountId, userId: ctx.user.userId, squareOff: input });
    ctx.services.logger.info(
      { accountId: ctx.user.accountId, by: ctx.user.userId, positions: input.positions?.length ?? 'all', canceled: result.canceled.length, exits: result.exits.length },
      'positions squared off',
    );
    return result;
  }),
});
