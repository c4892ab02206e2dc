import { z } from 'zod';
import { DomainError, InstrumentIdSchema, type Instrument, type InstrumentId } from '@strikedesk/domain';
import type { EngineClient } from '../../engine/engine-client.ts';
import { authedProcedure, router } from '../trpc.ts';

const MAX_WATCHLIST = 200;
const WatchlistItemInputSchema = z.object({ instrumentId: InstrumentIdSchema });

/** The store keeps ids and their order; the engine owns what an instrument is. */
async function resolve(engine: EngineClient, ids: InstrumentId[]): Promise<Instrument[]> {
  if (ids.length === 0) return [];
  const byId = new Map((await engine.getInstruments(ids)).map((instrument) => [instrument.id, instrument]));
  // Keep the user's order; an instrument that expired out of the master simply drops out.
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export const watchlistRouter = router({
  list: authedProcedure.query(async ({ ctx }) =>
    resolve(ctx.services.engine, await ctx.services.identity.watchlist.list(ctx.user.userId)),
  ),

  add: authedProcedure.input(WatchlistItemInputSchema).mutation(async ({ ctx, input }) => {
    const { engine, identity } = ctx.services;
    const [known] = await engine.getInstruments([input.instrumentId]);
    if (!known) throw new DomainError('INSTRUMENT_NOT_FOUND');
    const current = await identity.watchlist.list(ctx.user.userId);
    if (!current.includes(input.instrumentId) && current.length >= MAX_WATCHLIST) {
      throw new DomainError('VALIDATION_FAILED', `A watchlist holds at most ${MAX_WATCHLIST} instruments.`);
    }
    return resolve(engine, await identity.watchlist.add(ctx.user.userId, input.instrumentId));
  }),

  remove: authedProcedure.input(WatchlistItemInputSchema).mutation(async ({ ctx, input }) =>
    resolve(ctx.services.engine, await ctx.services.identity.watchlist.remove(ctx.user.userId, input.instrumentId)),
  ),
});
