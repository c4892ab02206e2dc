import { ChainExpiriesQuerySchema, ChainQuerySchema } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

export const chainRouter = router({
  expiries: authedProcedure.input(ChainExpiriesQuerySchema).query(({ ctx, input }) => ctx.services.engine.chainExpiries(input.underlying)),
  get: authedProcedure.input(ChainQuerySchema).query(({ ctx, input }) => ctx.services.engine.chain(input)),
});
