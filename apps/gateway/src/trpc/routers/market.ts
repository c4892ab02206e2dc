import { BarsQuerySchema, InstrumentIdsSchema } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

export const marketRouter = router({
  /** Open or closed, and the intraday (MIS) cut-off: the header and the order ticket show them. */
  session: authedProcedure.query(({ ctx }) => ctx.services.engine.marketSession()),
  quotes: authedProcedure.input(InstrumentIdsSchema).query(({ ctx, input }) => ctx.services.engine.quotes(input.instrumentIds)),
  /** Recent candles of one interval from the recorded ticks, oldest first: the chart's history. */
  bars: authedProcedure.input(BarsQuerySchema).query(({ ctx, input }) => ctx.services.engine.bars(input)),
});
