import type { BrokerAccountRef, BrokerRoute, CompleteKiteLoginInput, KitePostbackInput, StartKiteLoginInput } from '@strikedesk/domain';

/**
 * What the gateway may ask of the engine's broker accounts (engine router `brokerAccounts`). Every
 * step that needs a secret — the Kite checksum, a postback's checksum, storing the access token —
 * happens behind this, in the engine (ADR 0018: only the engine decrypts).
 */
export type BrokerConnectionsService = {
  /** "Connect Zerodha": the Kite login URL (a simulated account's fake login page). */
  startKiteLogin(input: StartKiteLoginInput): Promise<{ url: string }>;
  /** Exchanges the request token (checksum with the API secret), stores the access token encrypted, connects. */
  completeKiteLogin(input: CompleteKiteLoginInput): Promise<BrokerRoute | null>;
  /** A postback: BROKER_POSTBACK_FORGED unless its checksum is Kite's; a genuine one hurries the order read-back. */
  kitePostback(input: KitePostbackInput): Promise<void>;
  /** XTS: a new login with the stored keys (ends any other session of the app key). */
  reconnect(input: BrokerAccountRef): Promise<void>;
  /** Logs the session out at the broker (where it can) and forgets the access token. */
  disconnect(input: BrokerAccountRef): Promise<void>;
  /** Trading accounts routed through broker accounts, with each link's state now. */
  routes(): BrokerRoute[];
};
