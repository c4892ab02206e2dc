import { AccountQuerySchema, CancelOrderCommandSchema, ModifyOrderCommandSchema, SubmitOrderCommandSchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

export const ordersRouter = router({
  submit: authedProcedure.input(SubmitOrderCommandSchema).mutation(({ ctx, input }) => ctx.services.orders.submit(input)),
  modify: authedProcedure.input(ModifyOrderCommandSchema).mutation(({ ctx, input }) => ctx.services.orders.modify(input)),
  cancel: authedProcedure.input(CancelOrderCommandSchema).mutation(({ ctx, input }) => ctx.services.orders.cancel(input)),
  list: authedProcedure.input(AccountQuerySchema).query(({ ctx, input }) => ctx.services.orders.listOrders(input.accountId)),
});
