import { InstrumentIdsSchema, InstrumentSearchSchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const instrumentsRouter = router({
  search: authedProcedure.input(InstrumentSearchSchema).query(({ ctx, input }) => ctx.services.catalog.search(input.query, input.limit)),
  get: authedProcedure.input(InstrumentIdsSchema).query(({ ctx, input }) => ctx.services.catalog.getMany(input.instrumentIds)),
});
