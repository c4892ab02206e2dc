import { DomainError, SignalListQuerySchema } from '@strikedesk/domain';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.ts';

export const signalsRouter = router({
  /** The caller's alerts, newest first, filtered by strategy and status. */
  list: authedProcedure.input(SignalListQuerySchema).query(({ ctx, input }) => ctx.services.signals.list(ctx.user.userId, input)),

  /** Each of the caller's strategies' newest alert (the strategies list's "Last signal"). */
  latestByStrategy: authedProcedure.query(({ ctx }) => ctx.services.signals.latestByStrategy(ctx.user.userId)),

  /** One alert with its timeline and the orders it placed, as they stand now. */
  get: authedProcedure.input(z.object({ signalId: z.string().regex(/^\d{1,18}$/) })).query(async ({ ctx, input }) => {
    const signal = await ctx.services.signals.detail(ctx.user.userId, input.signalId);
    if (!signal) throw new DomainError('SIGNAL_NOT_FOUND');
    // The signal's order and, when it was sliced above the freeze quantity, its other slices.
    const clientOrderId = `tv${signal.id}`;
    const orders =
      signal.orderIds.length === 0
        ? []
        : (await ctx.services.engine.listOrders(ctx.user.accountId).catch(() => [])).filter(
            (order) => order.clientOrderId === clientOrderId || order.slice?.parentClientOrderId === clientOrderId,
          );
    return { ...signal, orders };
  }),
});
