import { CreatePriceAlertInputSchema, ModifyPriceAlertInputSchema, PriceAlertIdInputSchema } from '@strikedesk/domain';
import { createPriceAlert } from '../../alerts/create-price-alert.ts';
import { modifyPriceAlert } from '../../alerts/modify-price-alert.ts';
import { authedProcedure, router } from '../trpc.ts';

/**
 * Price alerts (ADR 0027): the caller's own, any role — they watch the market. One with an order is
 * a GTT (ADR 0028), for traders and admins: the order goes to the caller's account when it fires;
 * two on either side of the price, an OCO pair: the one that fires cancels the other.
 * The engine watches the live price, fires them and places the orders; this makes, lists, changes and cancels.
 */
export const alertsRouter = router({
  /** Every active alert of the caller and the latest ended ones, newest first. */
  list: authedProcedure.query(({ ctx }) => ctx.services.priceAlerts.listOf(ctx.user.userId)),

  create: authedProcedure.input(CreatePriceAlertInputSchema).mutation(({ ctx, input }) => createPriceAlert(ctx.services, ctx.user, input)),

  /** A new level, note or GTT order for an active alert (a trailing stop-loss); the condition and OCO pairing stay. */
  modify: authedProcedure.input(ModifyPriceAlertInputSchema).mutation(({ ctx, input }) => modifyPriceAlert(ctx.services, ctx.user, input)),

  cancel: authedProcedure.input(PriceAlertIdInputSchema).mutation(({ ctx, input }) => ctx.services.priceAlerts.cancel(ctx.user.userId, input.id)),
});
