import { InstrumentIdsSchema } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

export const marketRouter = router({
  quotes: authedProcedure.input(InstrumentIdsSchema).query(({ ctx, input }) => ctx.services.engine.quotes(input.instrumentIds)),
});
