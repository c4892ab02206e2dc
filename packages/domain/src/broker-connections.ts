import { z } from 'zod';
import { AccountIdSchema } from './ids.ts';
import { BrokerAccountIdSchema, BrokerSchema, BrokerConnectionSchema } from './broker-accounts.ts';

/**
 * How the gateway asks the engine to connect, disconnect and hear from broker accounts (the engine
 * alone holds the decrypted secrets: ADR 0018). The gateway's own HTTP routes (login redirect back,
 * postbacks) only carry these across; every check that needs a secret happens in the engine.
 */

/** "Connect Zerodha": where to send the browser. */
export const StartKiteLoginInputSchema = z.object({
  brokerAccountId: BrokerAccountIdSchema,
  /**
   * Where Kite sends the browser back. Real Kite uses the redirect URL registered with the Kite
   * app (this must equal it); a simulated account's fake uses this one.
   */
  redirectUrl: z.url({ protocol: /^https?$/ }),
  /** Echoed back to the redirect URL (Kite's `redirect_params`): the gateway's signed login state. */
  redirectParams: z.string().min(1).max(1_000),
  /** Where a simulated account's fake posts order postbacks (real Kite: the app's registered postback URL). */
  postbackUrl: z.url({ protocol: /^https?$/ }).optional(),
});
export type StartKiteLoginInput = z.infer<typeof StartKiteLoginInputSchema>;

export const CompleteKiteLoginInputSchema = z.object({
  brokerAccountId: BrokerAccountIdSchema,
  /** Kite's single-use request token from the redirect (alphanumeric, 32 characters in practice). */
  requestToken: z.string().regex(/^[A-Za-z0-9]{8,128}$/, 'not a Kite request token'),
});
export type CompleteKiteLoginInput = z.infer<typeof CompleteKiteLoginInputSchema>;

/** A Kite postback as received: the raw body, verified by the engine against the account's API secret. */
export const KitePostbackInputSchema = z.object({
  brokerAccountId: BrokerAccountIdSchema,
  body: z.string().min(2).max(65_536),
});
export type KitePostbackInput = z.infer<typeof KitePostbackInputSchema>;

/** A trading account routed through a broker account, and how that link is doing now. */
export const BrokerRouteSchema = z.object({
  accountId: AccountIdSchema,
  brokerAccountId: BrokerAccountIdSchema,
  broker: BrokerSchema,
  connection: BrokerConnectionSchema,
  statusMessage: z.string().nullable(),
});
export type BrokerRoute = z.infer<typeof BrokerRouteSchema>;
