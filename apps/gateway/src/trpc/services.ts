import type { ApiKeyStore, BrokerAccountStore, NotificationSettingsStore, PriceAlertStore, SignalStore, StrategyStore } from '@strikedesk/db/client';
import type { IdentityStore } from '@strikedesk/db/identity';
import type { AccessTokens } from '../auth/access-token.ts';
import type { KiteLoginStates } from '../brokers/kite-login-state.ts';
import type { SessionRevocations } from '../auth/session-revocations.ts';
import type { SessionService } from '../auth/session-service.ts';
import type { EngineClient } from '../engine/engine-client.ts';
import type { Logger } from '../logger.ts';
import type { LiveSessions } from '../realtime/socket-server.ts';

/** Everything routers may use, created once per gateway by startGateway and passed in context. */
export type GatewayServices = {
  identity: IdentityStore;
  sessions: SessionService;
  accessTokens: AccessTokens;
  /** Sessions and users ended within one access-token lifetime: their tokens are refused. */
  revocations: SessionRevocations;
  engine: EngineClient;
  live: LiveSessions;
  logger: Logger;
  version: string;
  strategies: StrategyStore;
  signals: SignalStore;
  /** Called after this gateway changed a strategy (its webhook cache must not serve the old one). */
  strategyChanged: () => void;
  notifications: NotificationSettingsStore;
  /** Users' price alerts (the engine fires them; ADR 0027). */
  priceAlerts: PriceAlertStore;
  apiKeys: ApiKeyStore;
  /** Seals broker secrets but cannot open them: the gateway never decrypts (docs/adr/0018). */
  brokerAccounts: BrokerAccountStore;
  /** Signs and checks the state a Kite login carries through Kite and back to the callback. */
  kiteLogins: KiteLoginStates;
};
