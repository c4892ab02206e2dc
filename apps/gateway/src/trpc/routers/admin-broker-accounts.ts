import { z } from 'zod';
import {
  BrokerAccountRefSchema,
  BrokerAccountSchema,
  BrokerAccountTradersInputSchema,
  CreateBrokerAccountInputSchema,
  SetBrokerAccountEnabledInputSchema,
  SetBrokerAccountTradersInputSchema,
  SetMarketDataSourceInputSchema,
  UpdateBrokerAccountInputSchema,
} from '@strikedesk/domain';
import { protectSecrets } from '@strikedesk/db/client';
import { adminProcedure, router } from '../trpc.ts';

/**
 * Every answer goes through BrokerAccountSchema: an output parser strips whatever the schema does
 * not name, so nothing but `has…Secret` flags can ever describe a secret to a browser.
 */
const answer = adminProcedure.output(BrokerAccountSchema);

/** Which secrets a change replaced, by name (for the audit log line; never their values). */
const secretNames = (input: Record<string, unknown>): string[] =>
  ['apiSecret', 'interactiveSecret', 'marketDataSecret'].filter((name) => input[name] !== undefined);

/** Broker accounts (docs/contracts.md "Admin: broker accounts"); admins only, like all of admin.*. */
export const adminBrokerAccountsRouter = router({
  list: adminProcedure.output(z.array(BrokerAccountSchema)).query(({ ctx }) => ctx.services.brokerAccounts.list()),

  get: answer.input(BrokerAccountRefSchema).query(({ ctx, input }) => ctx.services.brokerAccounts.get(input.id)),

  create: answer.input(CreateBrokerAccountInputSchema).mutation(async ({ ctx, input }) => {
    // Secrets are wrapped first thing: from here on, printing them shows [redacted].
    const account = await ctx.services.brokerAccounts.create(protectSecrets(input));
    ctx.services.logger.info({ brokerAccountId: account.id, broker: account.broker, secrets: secretNames(input), by: ctx.user.userId }, 'broker account created');
    return account;
  }),

  /** Public settings as given; secrets only those typed (absent or empty = kept). */
  update: answer.input(UpdateBrokerAccountInputSchema).mutation(async ({ ctx, input }) => {
    const account = await ctx.services.brokerAccounts.update(protectSecrets(input));
    ctx.services.logger.info({ brokerAccountId: account.id, secretsReplaced: secretNames(input), by: ctx.user.userId }, 'broker account updated');
    return account;
  }),

  setEnabled: answer.input(SetBrokerAccountEnabledInputSchema).mutation(async ({ ctx, input }) => {
    const account = await ctx.services.brokerAccounts.setEnabled(input.id, input.enabled);
    ctx.services.logger.info({ brokerAccountId: account.id, enabled: account.enabled, by: ctx.user.userId }, 'broker account enabled changed');
    return account;
  }),

  /**
   * Which account's feed is the market (null = the simulated market). The engine reads the choice
   * at start (ADR 0021): the answer is the list, with the chosen account marked.
   */
  setMarketDataSource: adminProcedure
    .input(SetMarketDataSourceInputSchema)
    .output(z.array(BrokerAccountSchema))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.brokerAccounts.setMarketDataSource(input.id);
      ctx.services.logger.info({ brokerAccountId: input.id, by: ctx.user.userId }, 'market data source chosen');
      return ctx.services.brokerAccounts.list();
    }),

  assign: answer.input(BrokerAccountTradersInputSchema).mutation(async ({ ctx, input }) => {
    const account = await ctx.services.brokerAccounts.assign(input.id, input.traderIds);
    ctx.services.logger.info({ brokerAccountId: account.id, assigned: input.traderIds, by: ctx.user.userId }, 'broker account assigned');
    return account;
  }),

  unassign: answer.input(BrokerAccountTradersInputSchema).mutation(async ({ ctx, input }) => {
    const account = await ctx.services.brokerAccounts.unassign(input.id, input.traderIds);
    ctx.services.logger.info({ brokerAccountId: account.id, unassigned: input.traderIds, by: ctx.user.userId }, 'broker account unassigned');
    return account;
  }),

  /** The traders dialog: the account's traders replaced in one transaction (handing it over never leaves it with nobody). */
  setTraders: answer.input(SetBrokerAccountTradersInputSchema).mutation(async ({ ctx, input }) => {
    const account = await ctx.services.brokerAccounts.setTraders(input.id, input.traderIds, input.expectedUpdatedAt);
    ctx.services.logger.info({ brokerAccountId: account.id, traders: account.traderIds, by: ctx.user.userId }, 'broker account traders set');
    return account;
  }),

  /** Only a disabled account (BROKER_ACCOUNT_STILL_ENABLED otherwise); its secrets go with it. */
  remove: adminProcedure.input(BrokerAccountRefSchema).mutation(async ({ ctx, input }) => {
    await ctx.services.brokerAccounts.remove(input.id);
    ctx.services.logger.info({ brokerAccountId: input.id, by: ctx.user.userId }, 'broker account removed');
    return { id: input.id };
  }),
});
