import { BrokerAccountRefSchema, CompleteKiteLoginInputSchema, KitePostbackInputSchema, StartKiteLoginInputSchema } from '@strikedesk/domain';
import { authedProcedure, router } from './trpc.ts';

/** Broker account connections: Kite login, postbacks, logout (docs/adr/0020-broker-account-routing.md). */
export const brokerAccountsRouter = router({
  startKiteLogin: authedProcedure.input(StartKiteLoginInputSchema).mutation(({ ctx, input }) => ctx.services.brokerConnections.startKiteLogin(input)),
  completeKiteLogin: authedProcedure.input(CompleteKiteLoginInputSchema).mutation(({ ctx, input }) => ctx.services.brokerConnections.completeKiteLogin(input)),
  kitePostback: authedProcedure.input(KitePostbackInputSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.brokerConnections.kitePostback(input);
    return { accepted: true as const };
  }),
  reconnect: authedProcedure.input(BrokerAccountRefSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.brokerConnections.reconnect(input);
    return { reconnecting: true as const };
  }),
  disconnect: authedProcedure.input(BrokerAccountRefSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.brokerConnections.disconnect(input);
    return { disconnected: true as const };
  }),
  routes: authedProcedure.query(({ ctx }) => ctx.services.brokerConnections.routes()),
});
