import { z } from 'zod';
import { AccountIdSchema } from './ids.ts';
import { BrokerAccountIdSchema, BrokerConnectionSchema, BrokerSchema, ReconciliationSummarySchema } from './broker-accounts.ts';

/**
 * A user's trading accounts (migration 0009): every user has a paper account (their oldest); a
 * trader assigned a broker account also has a live one bound to it. The access token names the
 * account the session acts on; `auth.switchAccount` moves a session from one to the other.
 */
export const TRADING_ACCOUNT_KINDS = ['paper', 'live'] as const;
export const TradingAccountKindSchema = z.enum(TRADING_ACCOUNT_KINDS);
export type TradingAccountKind = z.infer<typeof TradingAccountKindSchema>;

/** The broker account a live trading account trades through, as the engine last reported it. */
export const TradingAccountBrokerSchema = z.object({
  id: BrokerAccountIdSchema,
  name: z.string(),
  broker: BrokerSchema,
  enabled: z.boolean(),
  connection: BrokerConnectionSchema,
  statusMessage: z.string().nullable(),
  lastTickAt: z.number().int().nullable(),
  lastReconciledAt: z.number().int().nullable(),
  lastReconciliation: ReconciliationSummarySchema.nullable(),
});
export type TradingAccountBroker = z.infer<typeof TradingAccountBrokerSchema>;

export const TradingAccountSchema = z.object({
  id: AccountIdSchema,
  name: z.string(),
  kind: TradingAccountKindSchema,
  /**
   * Null for paper, and for a live account whose broker account was unassigned or removed: it is
   * kept for its history and refuses new orders (BROKER_NOT_CONNECTED).
   */
  brokerAccount: TradingAccountBrokerSchema.nullable(),
});
export type TradingAccount = z.infer<typeof TradingAccountSchema>;

export const SwitchAccountInputSchema = z.object({ accountId: AccountIdSchema });
export type SwitchAccountInput = z.infer<typeof SwitchAccountInputSchema>;

/**
 * `auth.refresh` may name the account the tab was on: the refresh cookie is shared by every tab of
 * the browser, the chosen account is not (a fresh tab starts on paper). Not the caller's → the
 * default account.
 */
export const RefreshSessionInputSchema = z.object({ accountId: AccountIdSchema.optional() }).optional();
export type RefreshSessionInput = z.infer<typeof RefreshSessionInputSchema>;

/** A live account that can take orders now: bound, enabled and connected. */
export const isTradingAccountConnected = (account: TradingAccount): boolean =>
  account.kind === 'paper' || (account.brokerAccount !== null && account.brokerAccount.enabled && account.brokerAccount.connection === 'CONNECTED');
