import { CreatePriceAlertInputSchema, DomainError, PriceAlertIdInputSchema, priceAlertRefusal, type InstrumentId } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

/**
 * Price alerts (ADR 0027): the caller's own, any role — they watch the market and place nothing.
 * The engine watches the live price and fires them; this only makes, lists and cancels.
 */
export const alertsRouter = router({
  /** Every active alert of the caller and the latest fired or cancelled ones, newest first. */
  list: authedProcedure.query(({ ctx }) => ctx.services.priceAlerts.listOf(ctx.user.userId)),

  create: authedProcedure.input(CreatePriceAlertInputSchema).mutation(async ({ ctx, input }) => {
    const instrumentId = input.instrumentId as InstrumentId;
    const [instrument] = await ctx.services.engine.getInstruments([instrumentId]);
    if (!instrument) throw new DomainError('INSTRUMENT_NOT_FOUND');
    // An expired contract, or a level the price is already at or past (an index is fine).
    const [tick] = await ctx.services.engine.quotes([instrumentId]);
    const refusal = priceAlertRefusal(instrument, tick?.lastPrice, input);
    if (refusal) throw refusal;
    return ctx.services.priceAlerts.create(ctx.user.userId, { instrumentId, condition: input.condition, price: input.price, note: input.note });
  }),

  cancel: authedProcedure.input(PriceAlertIdInputSchema).mutation(({ ctx, input }) => ctx.services.priceAlerts.cancel(ctx.user.userId, input.id)),
});
