import { AccountQuerySchema, CancelOrderCommandSchema, ModifyOrderCommandSchema, OrderHistoryQuerySchema, SquareOffCommandSchema, SubmitOrderCommandSchema, TradebookQuerySchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const ordersRouter = router({
  submit: authedProcedure.input(SubmitOrderCommandSchema).mutation(({ ctx, input }) => ctx.services.orders.submit(input)),
  modify: authedProcedure.input(ModifyOrderCommandSchema).mutation(({ ctx, input }) => ctx.services.orders.modify(input)),
  cancel: authedProcedure.input(CancelOrderCommandSchema).mutation(({ ctx, input }) => ctx.services.orders.cancel(input)),
  list: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.orders.listOrders(input.accountId)),
  /** One order of the account and every journaled event of it, oldest first. */
  history: authedProcedure.input(OrderHistoryQuerySchema).query(({ ctx, input }) => ctx.services.orderHistory.read(input)),
  /** The account's fills executed on a range of IST days, oldest first, with their instruments' definitions. */
  trades: authedProcedure.input(TradebookQuerySchema).query(({ ctx, input }) => ctx.services.tradebook.read(input)),
  /** Cancels the open orders on the positions in scope, then closes them with MARKET orders. */
  squareOff: authedProcedure.input(SquareOffCommandSchema).mutation(({ ctx, input }) =>
    ctx.services.orders.squareOff({
      accountId: input.accountId,
      userId: input.userId,
      scope: input.squareOff.positions?.length ? input.squareOff.positions : undefined,
    }),
  ),
});
