import { canTrade, CreatePriceAlertInputSchema, DomainError, oppositeCondition, PriceAlertIdInputSchema, priceAlertRefusal, validatePriceAlertOrder, type InstrumentId } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

/**
 * Price alerts (ADR 0027): the caller's own, any role — they watch the market. One with an order is
 * a GTT (ADR 0028), for traders and admins: the order goes to the caller's account when it fires;
 * two on either side of the price, an OCO pair: the one that fires cancels the other.
 * The engine watches the live price, fires them and places the orders; this makes, lists and cancels.
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
    const { order, oco } = input;
    // Each leg: an expired contract, or a level the price is already at or past (an index is fine).
    const refusal = priceAlertRefusal(instrument, tick?.lastPrice, input) ?? (oco ? priceAlertRefusal(instrument, tick?.lastPrice, { condition: oppositeCondition(input.condition), price: oco.price }) : null);
    if (refusal) throw refusal;
    if (order) {
      if (!canTrade(ctx.user.role)) throw new DomainError('VIEWER_CANNOT_TRADE');
      // The ticket's shape checks now (an index, lots, tick, price per type); pre-trade risk when it is placed.
      validatePriceAlertOrder(order, instrument);
      if (oco) validatePriceAlertOrder(oco.order, instrument);
    }
    const gtt = order ? { accountId: ctx.user.accountId, order } : undefined;
    return ctx.services.priceAlerts.create(ctx.user.userId, { instrumentId, condition: input.condition, price: input.price, note: input.note, gtt, oco });
  }),

  cancel: authedProcedure.input(PriceAlertIdInputSchema).mutation(({ ctx, input }) => ctx.services.priceAlerts.cancel(ctx.user.userId, input.id)),
});
