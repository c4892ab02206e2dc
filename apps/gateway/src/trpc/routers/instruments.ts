import { InstrumentIdsSchema, InstrumentSearchSchema } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

export const instrumentsRouter = router({
  search: authedProcedure.input(InstrumentSearchSchema).query(({ ctx, input }) => ctx.services.engine.searchInstruments(input)),
  get: authedProcedure.input(InstrumentIdsSchema).query(({ ctx, input }) => ctx.services.engine.getInstruments(input.instrumentIds)),
});
