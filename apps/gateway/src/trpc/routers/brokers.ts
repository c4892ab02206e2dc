import { z } from 'zod';
import { BrokerAccountRefSchema, ConnectKiteInputSchema, DomainError } from '@strikedesk/domain';
import { assertKiteLogin, assertReconnect, brokerAccountFor } from '../../brokers/broker-access.ts';
import { kiteUrls } from '../../brokers/broker-paths.ts';
import { authedProcedure, router } from '../trpc.ts';

/**
 * Connecting broker accounts (docs/contracts.md "Broker connections"): an admin, or the trader the
 * account is assigned to. The engine does the broker's side; the gateway decides who may ask.
 */
export const brokersRouter = router({
  /**
   * "Connect Zerodha": the URL to open. Kite sends the browser back to the gateway's callback with
   * a signed, single-use state (Kite's `redirect_params`) saying who asked and where to return.
   */
  connectKite: authedProcedure
    .input(ConnectKiteInputSchema)
    .output(z.object({ url: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const account = await brokerAccountFor(ctx.services.brokerAccounts, ctx.user, input.id);
      assertKiteLogin(account);
      if (!ctx.publicOrigin) throw new DomainError('PUBLIC_URL_MISSING');
      const state = await ctx.services.kiteLogins.issue({ brokerAccountId: account.id, userId: ctx.user.userId, returnTo: input.returnTo });
      const { url } = await ctx.services.engine.brokerAccounts.startKiteLogin({
        brokerAccountId: account.id,
        ...kiteUrls(ctx.publicOrigin, account.id),
        redirectParams: new URLSearchParams({ state }).toString(),
      });
      ctx.services.logger.info({ brokerAccountId: account.id, broker: account.broker, by: ctx.user.userId }, 'kite login started');
      return { url };
    }),

  /** XTS: a new login with the stored app keys (the session ended, or was taken by a login elsewhere). */
  reconnect: authedProcedure.input(BrokerAccountRefSchema).mutation(async ({ ctx, input }) => {
    const account = await brokerAccountFor(ctx.services.brokerAccounts, ctx.user, input.id);
    assertReconnect(account);
    await ctx.services.engine.brokerAccounts.reconnect(account.id);
    ctx.services.logger.info({ brokerAccountId: account.id, broker: account.broker, by: ctx.user.userId }, 'broker account reconnect requested');
    return { reconnecting: true as const };
  }),

  /** Logs the broker session out (where the broker allows) and forgets its access token. */
  disconnect: authedProcedure.input(BrokerAccountRefSchema).mutation(async ({ ctx, input }) => {
    const account = await brokerAccountFor(ctx.services.brokerAccounts, ctx.user, input.id);
    await ctx.services.engine.brokerAccounts.disconnect(account.id);
    ctx.services.logger.info({ brokerAccountId: account.id, broker: account.broker, by: ctx.user.userId }, 'broker account disconnected');
    return { disconnected: true as const };
  }),
});
