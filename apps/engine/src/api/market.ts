import type { Tick } from '@strikedesk/domain';
import { BarsQuerySchema, InstrumentIdsSchema } from '@strikedesk/domain';
import { conflatedTicks } from '../events/conflated-ticks.ts';
import { congestionOf } from '../events/socket-pacing.ts';
import { authedProcedure, router } from './trpc.ts';

export const marketRouter = router({
  /** Open or closed, and the intraday (MIS) cut-off, as the order checks see them. */
  session: authedProcedure.query(({ ctx }) => ctx.services.session()),
  quotes: authedProcedure.input(InstrumentIdsSchema).query(({ ctx, input }) => ctx.services.market.quotes(input.instrumentIds)),
  /** Recent candles of one interval, oldest first (packages/domain/src/bars.ts). */
  bars: authedProcedure.input(BarsQuerySchema).query(({ ctx, input }) => ctx.services.bars.bars(input)),
  /** Batches of every instrument whose visible market changed, conflated while the socket is backed up. */
  ticks: authedProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<Tick[], void, undefined> {
    yield* conflatedTicks(ctx.services.market.ticks, signal, congestionOf(ctx.connection.bufferedAmount));
  }),
});
