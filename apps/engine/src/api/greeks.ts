import type { AccountGreeks } from '@strikedesk/domain';
import { AccountQuerySchema } from '@strikedesk/domain';
import { congestionOf } from '../events/socket-pacing.ts';
import { authedProcedure, router } from './trpc.ts';

export const greeksRouter = router({
  get: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.greeks.account(input.accountId)),
  /** Every account with open positions about once a second; latest per account for a slow consumer. */
  stream: authedProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<AccountGreeks, void, undefined> {
    yield* ctx.services.greeks.stream(signal, congestionOf(ctx.connection.bufferedAmount));
  }),
});
