import type { OptionChain } from '@strikedesk/domain';
import { ChainExpiriesQuerySchema, ChainQuerySchema } from '@strikedesk/domain';
import { congestionOf } from '../events/socket-pacing.ts';
import { authedProcedure, mapDomainErrors, router } from './trpc.ts';

export const chainRouter = router({
  expiries: authedProcedure.input(ChainExpiriesQuerySchema).query(({ ctx, input }) => ctx.services.chains.expiries(input.underlying)),
  get: authedProcedure.input(ChainQuerySchema).query(({ ctx, input }) => ctx.services.chains.get(input)),
  /** The chain now, then after each underlying tick; the latest only while the socket is backed up. */
  stream: authedProcedure.input(ChainQuerySchema).subscription(async function* ({ ctx, input, signal }): AsyncGenerator<OptionChain, void, undefined> {
    yield* mapDomainErrors(ctx.services.chains.stream(input, signal, congestionOf(ctx.connection.bufferedAmount)));
  }),
});
