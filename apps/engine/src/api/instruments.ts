import { InstrumentIdsSchema, InstrumentSearchSchema, resolveAlertTicker, TickerResolveQuerySchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const instrumentsRouter = router({
  search: authedProcedure.input(InstrumentSearchSchema).query(({ ctx, input }) => ctx.services.catalog.search(input.query, input.limit, ctx.services.clock.now())),
  get: authedProcedure.input(InstrumentIdsSchema).query(({ ctx, input }) => ctx.services.catalog.getMany(input.instrumentIds, ctx.services.clock.now())),
  /** Which instrument a TradingView ticker names for a strategy (the webhook's early check). */
  resolveTicker: authedProcedure
    .input(TickerResolveQuerySchema)
    .query(({ ctx, input }) => resolveAlertTicker(input.ticker, { target: input.target, tickerAliases: input.tickerAliases }, ctx.services.instruments)),
});
