import { z } from 'zod';
import { UserIdSchema } from './ids.ts';

/**
 * Broker accounts an admin configures (issue 4): which broker, its public keys and base URLs, the
 * traders it is assigned to, and the connection status the engine reports. Secrets are write-only:
 * inputs carry them, a BrokerAccount only says whether one is stored (docs/adr/0018).
 */
export const BROKERS = ['KITE', 'XTS', 'SIMULATED_KITE', 'SIMULATED_XTS'] as const;
export const BrokerSchema = z.enum(BROKERS);
export type Broker = z.infer<typeof BrokerSchema>;

/** The wire protocol an account speaks: a simulated Zerodha speaks Kite to the in-repo fake. */
export type BrokerProtocol = 'KITE' | 'XTS';
export const brokerProtocol = (broker: Broker): BrokerProtocol => (broker === 'KITE' || broker === 'SIMULATED_KITE' ? 'KITE' : 'XTS');
export const isSimulatedBroker = (broker: Broker): boolean => broker === 'SIMULATED_KITE' || broker === 'SIMULATED_XTS';

export const BROKER_CONNECTIONS = ['NEVER_CONNECTED', 'CONNECTED', 'DISCONNECTED', 'SESSION_EXPIRED', 'ERROR'] as const;
export const BrokerConnectionSchema = z.enum(BROKER_CONNECTIONS);
export type BrokerConnection = z.infer<typeof BrokerConnectionSchema>;

export const BrokerAccountIdSchema = z.string().uuid().brand<'BrokerAccountId'>();
export type BrokerAccountId = z.infer<typeof BrokerAccountIdSchema>;

/** What the engine's last reconciliation with the broker found (written by the engine). */
export const ReconciliationSummarySchema = z.object({
  /** Events the journal had missed and reconciliation generated (e.g. a fill during a disconnect). */
  eventsRecovered: z.number().int().nonnegative(),
  /** Orders, trades or positions nobody could explain: raised as an alert. */
  mismatches: z.number().int().nonnegative(),
  /** New orders on the account wait until an admin acknowledges the mismatches. */
  blocked: z.boolean(),
  message: z.string().max(500).optional(),
});
export type ReconciliationSummary = z.infer<typeof ReconciliationSummarySchema>;

/** Kite's production endpoints, used when an account does not override them. */
export const KITE_DEFAULT_URLS = { apiUrl: 'https://api.kite.trade', loginUrl: 'https://kite.zerodha.com', tickerUrl: 'wss://ws.kite.trade' } as const;

/**
 * An account as the admin screen sees it. Fields of the other protocol are null (false for the
 * `has…Secret` flags); a `null` URL means the broker's default (Kite) or the root URL (XTS market data).
 */
export const BrokerAccountSchema = z.object({
  id: BrokerAccountIdSchema,
  name: z.string(),
  broker: BrokerSchema,
  enabled: z.boolean(),
  // Kite Connect: the API key is public (it is in every login URL); the secret never leaves the server.
  apiKey: z.string().nullable(),
  hasApiSecret: z.boolean(),
  apiUrl: z.string().nullable(),
  loginUrl: z.string().nullable(),
  tickerUrl: z.string().nullable(),
  // XTS: one root per broker (white-labelled), separate apps for interactive and market data.
  rootUrl: z.string().nullable(),
  marketDataUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  interactiveAppKey: z.string().nullable(),
  hasInteractiveSecret: z.boolean(),
  marketDataAppKey: z.string().nullable(),
  hasMarketDataSecret: z.boolean(),
  traderIds: z.array(UserIdSchema),
  // Written by the engine; shown as stored, never guessed.
  connection: BrokerConnectionSchema,
  statusMessage: z.string().nullable(),
  lastTickAt: z.number().int().nullable(),
  lastReconciledAt: z.number().int().nullable(),
  lastReconciliation: ReconciliationSummarySchema.nullable(),
  /** This account's feed is the engine's market (at most one account); read by the engine at start. */
  marketData: z.boolean(),
  /** The engine's word on that feed ("Streaming 412 instruments", "Waiting for Zerodha to connect"). */
  marketDataStatus: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type BrokerAccount = z.infer<typeof BrokerAccountSchema>;

// ---- inputs ----

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A broker base URL: https (wss for a ticker) in production; plain http/ws only towards this
 * machine, where the in-repo broker fakes listen. No path, query or credentials beyond the root.
 */
const brokerUrl = (label: string, secure: 'https' | 'wss') => {
  const plain = secure === 'https' ? 'http' : 'ws';
  const message = `${label} must be ${secure}://… (${plain}:// only for a server on this machine)`;
  return z
    .string()
    .trim()
    .max(300, `${label} is too long`)
    .refine((value) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return false;
      }
      if (url.username || url.password || url.search || url.hash) return false;
      if (url.protocol === `${secure}:`) return true;
      return url.protocol === `${plain}:` && LOOPBACK_HOSTS.has(url.hostname);
    }, message)
    // One spelling per URL, so the adapter can append paths: no trailing slash.
    .transform((value) => value.replace(/\/+$/, ''));
};

/** Typed into a form, an empty field means "not set": null (or absent), never an empty string. */
const emptyAs = <Empty extends null | undefined>(empty: Empty) =>
  z
    .string()
    .trim()
    .transform((value): string | Empty => (value === '' ? empty : value));

/** Optional everywhere: null or an empty field means "use the default". */
const optionalUrl = (label: string, secure: 'https' | 'wss') =>
  emptyAs(null).pipe(brokerUrl(label, secure).nullable()).nullable().optional();

const publicKey = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} is required`)
    .max(100, `${label} is too long`)
    .regex(/^\S+$/, `${label} cannot contain spaces`);

const optionalPublicKey = (label: string) => emptyAs(null).pipe(publicKey(label).nullable()).nullable().optional();

/** A secret as typed by the admin; trimmed because copy and paste brings spaces along. */
const secret = (label: string) => z.string().trim().min(1, `${label} is required`).max(500, `${label} is too long`);

/** On update (and for simulated accounts) a secret may be left out: absent or empty = keep what is stored. */
const optionalSecret = (label: string) => emptyAs(undefined).pipe(secret(label).optional()).optional();

export const BrokerAccountNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the account (e.g. "Zerodha – desk 1")')
  .max(60, 'Account name: at most 60 characters');

const clientIdSchema = emptyAs(null)
  .pipe(z.string().max(40, 'Client id: at most 40 characters').regex(/^\S+$/, 'Client id cannot contain spaces').nullable())
  .nullable()
  .optional();

const kiteUrls = {
  apiUrl: optionalUrl('Kite API URL', 'https'),
  loginUrl: optionalUrl('Kite login URL', 'https'),
  tickerUrl: optionalUrl('Kite ticker URL', 'wss'),
};
const xtsUrls = {
  marketDataUrl: optionalUrl('XTS market data URL', 'https'),
  clientId: clientIdSchema,
};

/** A real broker needs its keys; a simulated one talks to the in-repo fake, which takes any. */
const kiteSettings = { apiKey: publicKey('Zerodha API key'), ...kiteUrls };
const simulatedKiteSettings = { apiKey: optionalPublicKey('API key'), ...kiteUrls };
const xtsSettings = {
  rootUrl: brokerUrl('XTS root URL', 'https'),
  interactiveAppKey: publicKey('Interactive app key'),
  marketDataAppKey: publicKey('Market data app key'),
  ...xtsUrls,
};
const simulatedXtsSettings = {
  rootUrl: optionalUrl('XTS root URL', 'https'),
  interactiveAppKey: optionalPublicKey('Interactive app key'),
  marketDataAppKey: optionalPublicKey('Market data app key'),
  ...xtsUrls,
};

const common = { name: BrokerAccountNameSchema };

/**
 * A new account. A real broker needs its keys and secrets; a simulated one talks to the in-repo
 * fake, which accepts any credentials, so everything but the name is optional there.
 */
export const CreateBrokerAccountInputSchema = z.discriminatedUnion('broker', [
  z.object({ broker: z.literal('KITE'), ...common, enabled: z.boolean().default(true), ...kiteSettings, apiSecret: secret('Zerodha API secret') }),
  z.object({ broker: z.literal('SIMULATED_KITE'), ...common, enabled: z.boolean().default(true), ...simulatedKiteSettings, apiSecret: optionalSecret('API secret') }),
  z.object({
    broker: z.literal('XTS'),
    ...common,
    enabled: z.boolean().default(true),
    ...xtsSettings,
    interactiveSecret: secret('Interactive secret'),
    marketDataSecret: secret('Market data secret'),
  }),
  z.object({
    broker: z.literal('SIMULATED_XTS'),
    ...common,
    enabled: z.boolean().default(true),
    ...simulatedXtsSettings,
    interactiveSecret: optionalSecret('Interactive secret'),
    marketDataSecret: optionalSecret('Market data secret'),
  }),
]);
export type CreateBrokerAccountInput = z.input<typeof CreateBrokerAccountInputSchema>;
export type CreateBrokerAccount = z.output<typeof CreateBrokerAccountInputSchema>;

const ref = { id: BrokerAccountIdSchema };
/**
 * The `updatedAt` of the account the change was made on: another admin's save in between is
 * refused (BROKER_ACCOUNT_CHANGED) instead of silently undone. Absent: the last save wins.
 */
const updateRef = { ...ref, expectedUpdatedAt: z.number().int().optional() };

/**
 * The account's settings as the edit dialog saves them: public fields are replaced as given,
 * secrets only when a new value is typed (absent = unchanged). `broker` must be the account's own
 * (it selects which fields apply; an account never changes broker). Enabling is setEnabled.
 */
export const UpdateBrokerAccountInputSchema = z.discriminatedUnion('broker', [
  z.object({ broker: z.literal('KITE'), ...updateRef, ...common, ...kiteSettings, apiSecret: optionalSecret('Zerodha API secret') }),
  z.object({ broker: z.literal('SIMULATED_KITE'), ...updateRef, ...common, ...simulatedKiteSettings, apiSecret: optionalSecret('API secret') }),
  z.object({
    broker: z.literal('XTS'),
    ...updateRef,
    ...common,
    ...xtsSettings,
    interactiveSecret: optionalSecret('Interactive secret'),
    marketDataSecret: optionalSecret('Market data secret'),
  }),
  z.object({
    broker: z.literal('SIMULATED_XTS'),
    ...updateRef,
    ...common,
    ...simulatedXtsSettings,
    interactiveSecret: optionalSecret('Interactive secret'),
    marketDataSecret: optionalSecret('Market data secret'),
  }),
]);
export type UpdateBrokerAccountInput = z.input<typeof UpdateBrokerAccountInputSchema>;
export type UpdateBrokerAccount = z.output<typeof UpdateBrokerAccountInputSchema>;

export const BrokerAccountRefSchema = z.object(ref);
export type BrokerAccountRef = z.infer<typeof BrokerAccountRefSchema>;

/** Which broker account's feed is the engine's market; null = the simulated market. */
export const SetMarketDataSourceInputSchema = z.object({ id: BrokerAccountIdSchema.nullable() });
export type SetMarketDataSourceInput = z.infer<typeof SetMarketDataSourceInputSchema>;

export const SetBrokerAccountEnabledInputSchema = z.object({ ...ref, enabled: z.boolean() });
export type SetBrokerAccountEnabledInput = z.infer<typeof SetBrokerAccountEnabledInputSchema>;

/** assign adds these traders to the account, unassign removes them; both are idempotent. */
export const BrokerAccountTradersInputSchema = z.object({
  ...ref,
  traderIds: z.array(UserIdSchema).min(1, 'Choose at least one trader').max(100),
});
export type BrokerAccountTradersInput = z.infer<typeof BrokerAccountTradersInputSchema>;

/**
 * The traders dialog's save: who trades through the account from now on — one trader, or nobody
 * (an account trades for one trader). One change, whole or not at all; `expectedUpdatedAt` as in
 * an edit (another admin's change since is BROKER_ACCOUNT_CHANGED).
 */
export const SetBrokerAccountTradersInputSchema = z.object({
  ...updateRef,
  traderIds: z.array(UserIdSchema).max(1, 'A broker account trades for one trader: choose one, or nobody.'),
});
export type SetBrokerAccountTradersInput = z.infer<typeof SetBrokerAccountTradersInputSchema>;
