import { z } from 'zod';
import { AccountIdSchema, EngageKillSwitchCommandSchema, ReleaseHaltCommandSchema, type TradingHalt } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const haltsRouter = router({
  /** Active halts: all, or those that apply to one account (its own and global ones). */
  active: authedProcedure.input(z.object({ accountId: AccountIdSchema.optional() })).query(({ ctx, input }) => ctx.services.halts.active(input.accountId)),
  /** Recent halts, active and released, newest first (the audit trail). */
  recent: authedProcedure
    .input(z.object({ accountId: AccountIdSchema.optional(), limit: z.number().int().min(1).max(500).default(50) }))
    .query(({ ctx, input }) => ctx.services.halts.recent(input.limit, input.accountId)),
  /** The kill switch: halts the scope, cancels its open orders, optionally flattens; returns the halt with what it did. */
  engage: authedProcedure.input(EngageKillSwitchCommandSchema).mutation(({ ctx, input }) => ctx.services.killSwitch.engage(input)),
  release: authedProcedure.input(ReleaseHaltCommandSchema).mutation(({ ctx, input }) => ctx.services.killSwitch.release(input)),
  /** Every halt change as it happens. */
  stream: authedProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<TradingHalt, void, undefined> {
    const live = ctx.services.halts.changes.subscribe(signal, { maxBuffered: 1_000 });
    try {
      for await (const halt of live) yield halt;
    } finally {
      await live.return();
    }
  }),
});
