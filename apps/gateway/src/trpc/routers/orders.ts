import { CancelOrderInputSchema, ModifyOrderInputSchema, OrderHistoryInputSchema, PlaceOrderInputSchema, TradebookInputSchema } from '@strikedesk/domain';
import { authedProcedure, router, traderProcedure } from '../trpc.ts';

// accountId and userId come from the verified token only: the input schemas carry neither, so a
// trader cannot name another account, and the engine refuses an order id outside the account.
export const ordersRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.engine.listOrders(ctx.user.accountId)),

  /** What happened to one of the account's orders: every journaled event, refusals included. */
  history: authedProcedure.input(OrderHistoryInputSchema).query(({ ctx, input }) => ctx.services.engine.orderHistory({ accountId: ctx.user.accountId, orderId: input.orderId })),

  /** The tradebook: every fill of the account's orders executed on a range of IST days, oldest first. */
  trades: authedProcedure.input(TradebookInputSchema).query(({ ctx, input }) => ctx.services.engine.tradebook({ accountId: ctx.user.accountId, ...input })),

  place: traderProcedure.input(PlaceOrderInputSchema).mutation(({ ctx, input }) =>
    ctx.services.engine.submitOrder({ accountId: ctx.user.accountId, userId: ctx.user.userId, order: input, origin: 'TERMINAL' }),
  ),

  modify: traderProcedure.input(ModifyOrderInputSchema).mutation(({ ctx, input }) =>
    ctx.services.engine.modifyOrder({ accountId: ctx.user.accountId, userId: ctx.user.userId, modify: input }),
  ),

  cancel: traderProcedure.input(CancelOrderInputSchema).mutation(({ ctx, input }) =>
    ctx.services.engine.cancelOrder({ accountId: ctx.user.accountId, userId: ctx.user.userId, cancel: input }),
  ),
});
