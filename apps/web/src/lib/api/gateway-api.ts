import type {
  AlertCheckResult,
  CheckAlertInput,
  AccountGreeks,
  AccountId,
  AdminApiKey,
  AdminEngageKillSwitchInput,
  Bar,
  BarsQuery,
  BrokerAccount,
  BrokerAccountId,
  BrokerAccountTradersInput,
  ConnectKiteInput,
  ApiKey,
  ApiKeyId,
  ChainExpiry,
  ChainQuery,
  ChangePasswordInput,
  CreateApiKeyInput,
  CreateBrokerAccountInput,
  CreatePriceAlertInput,
  CreatedApiKey,
  CreateStrategyInput,
  CreateUserInput,
  EngageKillSwitchInput,
  GreekLimit,
  GreekLimitRecord,
  Instrument,
  LoginInput,
  MarketSession,
  ModifyOrderInput,
  ModifyPriceAlertInput,
  NotificationSettings,
  OptionChain,
  Order,
  OrderHistory,
  OrderId,
  PlaceOrderInput,
  Portfolio,
  PortfolioDefinitionInput,
  PortfolioDetail,
  PortfolioId,
  PortfolioWithLive,
  PositionView,
  PriceAlert,
  PriceAlertId,
  RecentHaltsQuery,
  ReleaseHaltInput,
  RiskLimitsVersion,
  Role,
  SessionUser,
  SetBrokerAccountTradersInput,
  SetRiskLimitsInput,
  Signal,
  SignalDetail,
  SignalListQuery,
  SquareOffInput,
  Strategy,
  StrategyConfigInput,
  StrategyId,
  StrategyMode,
  StrategyPerformance,
  StrategyVersion,
  Tick,
  Tradebook,
  TradebookInput,
  TradingAccount,
  TradingHalt,
  UpdateBrokerAccountInput,
} from '@strikedesk/domain';
import type { GatewayClient } from './trpc-client.ts';

export type Session = { accessToken: string; accessTokenExpiresAt: number; user: SessionUser; mustChangePassword: boolean };
export type SystemInfo = { version: string; engineConnected: boolean };
/** `accountId` is the user's default (paper) account; `accounts` every account they own, paper first. */
export type AdminUser = {
  userId: string;
  username: string;
  role: Role;
  accountId: string;
  accounts: TradingAccount[];
  createdAt: number | string;
  /** A disabled user cannot log in; `disabledAt` (epoch ms) since when. */
  disabled: boolean;
  disabledAt: number | null;
  /** Their password was generated (first start, an admin's reset) and not changed yet. */
  mustChangePassword: boolean;
};
/** An admin's password reset: the one-time password, shown once, and how many of the user's API keys it revoked (when asked to). */
export type AdminPasswordReset = { user: AdminUser; password: string; revokedApiKeys: number };
export type SquareOffResult = { canceled: Order[]; exits: Order[] };
/** A strategy with what its screen shows beside it: every version and copy-ready alert texts. */
export type StrategyDetail = { strategy: Strategy; versions: StrategyVersion[]; alertMessage: string; pineScript: string };
/** `webhookPath` carries the URL's secret token: the server returns it only from create and rotate. */
export type StrategyWithWebhook = { strategy: Strategy; webhookPath: string };
export type UpdateStrategyConfigInput = { strategyId: StrategyId; expectedVersion: number; config: StrategyConfigInput; comment: string };
/** `passphrase: null` removes it; an absent field is left as it is. */
export type UpdateStrategySettingsInput = { strategyId: StrategyId; name?: string; enabled?: boolean; mode?: StrategyMode; passphrase?: string | null };
/** A signal with its timeline and the orders it placed, as they stand now. */
export type SignalWithOrders = SignalDetail & { orders: Order[] };

export type UpdatePortfolioInput = { portfolioId: PortfolioId; expectedVersion: number; definition: PortfolioDefinitionInput };

/** Wraps a call that needs a valid access token (refresh once and retry on UNAUTHENTICATED). */
export type AuthGuard = <T>(call: () => Promise<T>) => Promise<T>;

/**
 * The gateway API as the web uses it, in domain types. This is the one place that touches the
 * router's inferred types, so a contract change fails typechecking here and nowhere else.
 */
export function createGatewayApi(client: GatewayClient, guard: AuthGuard) {
  return {
    auth: {
      login: (input: LoginInput): Promise<Session> => client.auth.login.mutate(input),
      /** `accountId`: the trading account this tab is on (the server falls back to the default one). */
      refresh: (accountId?: AccountId): Promise<Session> => client.auth.refresh.mutate(accountId ? { accountId } : undefined),
      logout: (): Promise<unknown> => client.auth.logout.mutate(),
      accounts: (): Promise<TradingAccount[]> => guard(() => client.auth.accounts.query()),
      switchAccount: (accountId: AccountId): Promise<Session> => guard(() => client.auth.switchAccount.mutate({ accountId })),
      changePassword: (input: ChangePasswordInput): Promise<Session> => guard(() => client.auth.changePassword.mutate(input)),
    },
    brokers: {
      /** The URL to open: the broker's login page, which comes back to the gateway's callback. */
      connectKite: (input: ConnectKiteInput): Promise<{ url: string }> => guard(() => client.brokers.connectKite.mutate(input)),
      /** XTS: a new login with the stored keys. */
      reconnect: (id: BrokerAccountId): Promise<unknown> => guard(() => client.brokers.reconnect.mutate({ id })),
      disconnect: (id: BrokerAccountId): Promise<unknown> => guard(() => client.brokers.disconnect.mutate({ id })),
    },
    apiKeys: {
      list: (): Promise<ApiKey[]> => guard(() => client.apiKeys.list.query()),
      create: (input: CreateApiKeyInput): Promise<CreatedApiKey> => guard(() => client.apiKeys.create.mutate(input)),
      revoke: (id: ApiKeyId): Promise<ApiKey> => guard(() => client.apiKeys.revoke.mutate({ id })),
    },
    system: {
      info: (): Promise<SystemInfo> => client.system.info.query(),
    },
    instruments: {
      search: (query: string, limit = 20): Promise<Instrument[]> =>
        guard(() => client.instruments.search.query({ query, limit })),
      get: (instrumentIds: string[]): Promise<Instrument[]> =>
        guard(() => client.instruments.get.query({ instrumentIds: instrumentIds as Instrument['id'][] })),
    },
    market: {
      session: (): Promise<MarketSession> => guard(() => client.market.session.query()),
      quotes: (instrumentIds: string[]): Promise<Tick[]> =>
        guard(() => client.market.quotes.query({ instrumentIds: instrumentIds as Instrument['id'][] })),
      /** Recent candles of one interval, oldest first, built from recorded ticks. */
      bars: (query: BarsQuery): Promise<Bar[]> => guard(() => client.market.bars.query(query)),
    },
    alerts: {
      list: (): Promise<PriceAlert[]> => guard(() => client.alerts.list.query()),
      create: (input: CreatePriceAlertInput): Promise<PriceAlert> => guard(() => client.alerts.create.mutate(input)),
      /** A new level, note or (a GTT's) order for an active alert; its condition and OCO pair stay. */
      modify: (input: ModifyPriceAlertInput): Promise<PriceAlert> => guard(() => client.alerts.modify.mutate(input)),
      cancel: (id: PriceAlertId): Promise<PriceAlert> => guard(() => client.alerts.cancel.mutate({ id })),
    },
    watchlist: {
      list: (): Promise<Instrument[]> => guard(() => client.watchlist.list.query()),
      add: (instrumentId: Instrument['id']): Promise<Instrument[]> => guard(() => client.watchlist.add.mutate({ instrumentId })),
      remove: (instrumentId: Instrument['id']): Promise<Instrument[]> =>
        guard(() => client.watchlist.remove.mutate({ instrumentId })),
    },
    orders: {
      list: (): Promise<Order[]> => guard(() => client.orders.list.query()),
      place: (input: PlaceOrderInput): Promise<Order> => guard(() => client.orders.place.mutate(input)),
      modify: (input: ModifyOrderInput): Promise<Order> => guard(() => client.orders.modify.mutate(input)),
      cancel: (orderId: OrderId): Promise<Order> => guard(() => client.orders.cancel.mutate({ orderId })),
      history: (orderId: OrderId): Promise<OrderHistory> => guard(() => client.orders.history.query({ orderId })),
      /** The tradebook: every fill executed on a range of IST days, oldest first. */
      trades: (range: TradebookInput): Promise<Tradebook> => guard(() => client.orders.trades.query(range)),
    },
    positions: {
      list: (): Promise<PositionView[]> => guard(() => client.positions.list.query()),
      greeks: (): Promise<AccountGreeks> => guard(() => client.positions.greeks.query()),
      books: (): Promise<PositionView[]> => guard(() => client.positions.books.query()),
      squareOff: (input: SquareOffInput): Promise<SquareOffResult> => guard(() => client.positions.squareOff.mutate(input)),
    },
    risk: {
      limits: (): Promise<RiskLimitsVersion> => guard(() => client.risk.limits.query()),
    },
    halts: {
      active: (): Promise<TradingHalt[]> => guard(() => client.halts.active.query()),
    },
    killSwitch: {
      engage: (input: EngageKillSwitchInput): Promise<TradingHalt> => guard(() => client.killSwitch.engage.mutate(input)),
    },
    strategies: {
      list: (): Promise<Strategy[]> => guard(() => client.strategies.list.query()),
      get: (strategyId: StrategyId): Promise<StrategyDetail> => guard(() => client.strategies.get.query({ strategyId })),
      create: (input: CreateStrategyInput): Promise<StrategyWithWebhook> => guard(() => client.strategies.create.mutate(input)),
      updateConfig: (input: UpdateStrategyConfigInput): Promise<Strategy> => guard(() => client.strategies.updateConfig.mutate(input)),
      updateSettings: (input: UpdateStrategySettingsInput): Promise<Strategy> => guard(() => client.strategies.updateSettings.mutate(input)),
      rotateToken: (strategyId: StrategyId): Promise<StrategyWithWebhook> => guard(() => client.strategies.rotateToken.mutate({ strategyId })),
      remove: (strategyId: StrategyId): Promise<unknown> => guard(() => client.strategies.remove.mutate({ strategyId })),
      performance: (strategyId: StrategyId): Promise<StrategyPerformance> => guard(() => client.strategies.performance.query({ strategyId })),
      /** "Check a message": what the webhook would answer and the strategy would do; stores and sends nothing. */
      checkAlert: (input: CheckAlertInput): Promise<AlertCheckResult> => guard(() => client.strategies.checkAlert.mutate(input)),
    },
    portfolios: {
      list: (): Promise<PortfolioWithLive[]> => guard(() => client.portfolios.list.query()),
      get: (portfolioId: PortfolioId): Promise<PortfolioDetail> => guard(() => client.portfolios.get.query({ portfolioId })),
      create: (definition: PortfolioDefinitionInput): Promise<Portfolio> => guard(() => client.portfolios.create.mutate({ definition })),
      update: (input: UpdatePortfolioInput): Promise<Portfolio> => guard(() => client.portfolios.update.mutate(input)),
      remove: (portfolioId: PortfolioId): Promise<unknown> => guard(() => client.portfolios.remove.mutate({ portfolioId })),
      start: (portfolioId: PortfolioId): Promise<Portfolio> => guard(() => client.portfolios.start.mutate({ portfolioId })),
      exit: (portfolioId: PortfolioId): Promise<Portfolio> => guard(() => client.portfolios.exit.mutate({ portfolioId })),
      stop: (portfolioId: PortfolioId): Promise<Portfolio> => guard(() => client.portfolios.stop.mutate({ portfolioId })),
    },
    notifications: {
      get: (): Promise<NotificationSettings> => guard(() => client.notifications.get.query()),
      set: (input: NotificationSettings): Promise<NotificationSettings> => guard(() => client.notifications.set.mutate(input)),
    },
    signals: {
      list: (query: SignalListQuery): Promise<Signal[]> => guard(() => client.signals.list.query(query)),
      latestByStrategy: (): Promise<Signal[]> => guard(() => client.signals.latestByStrategy.query()),
      get: (signalId: string): Promise<SignalWithOrders> => guard(() => client.signals.get.query({ signalId })),
    },
    chain: {
      expiries: (underlying: string): Promise<ChainExpiry[]> => guard(() => client.chain.expiries.query({ underlying })),
      get: (query: ChainQuery): Promise<OptionChain> => guard(() => client.chain.get.query(query)),
    },
    admin: {
      listUsers: (): Promise<AdminUser[]> => guard(() => client.admin.users.list.query()),
      createUser: (input: CreateUserInput): Promise<AdminUser> => guard(() => client.admin.users.create.mutate(input)),
      setUserDisabled: (userId: string, disabled: boolean): Promise<AdminUser> =>
        guard(() => client.admin.users.setDisabled.mutate({ userId: userId as SessionUser['userId'], disabled })),
      setUserRole: (userId: string, role: Role): Promise<AdminUser> => guard(() => client.admin.users.setRole.mutate({ userId: userId as SessionUser['userId'], role })),
      resetUserPassword: (userId: string, revokeApiKeys = false): Promise<AdminPasswordReset> =>
        guard(() => client.admin.users.resetPassword.mutate({ userId: userId as SessionUser['userId'], revokeApiKeys })),
      listApiKeys: (): Promise<AdminApiKey[]> => guard(() => client.admin.apiKeys.list.query()),
      revokeApiKey: (id: ApiKeyId): Promise<AdminApiKey> => guard(() => client.admin.apiKeys.revoke.mutate({ id })),
      listGreekLimits: (accountId?: string): Promise<GreekLimitRecord[]> =>
        guard(() => client.admin.risk.greekLimits.list.query(accountId ? { accountId: accountId as GreekLimit['accountId'] } : {})),
      setGreekLimit: (input: GreekLimit): Promise<GreekLimitRecord> => guard(() => client.admin.risk.greekLimits.set.mutate(input)),
      listRiskLimits: (): Promise<RiskLimitsVersion[]> => guard(() => client.admin.risk.limits.list.query()),
      riskLimitsHistory: (accountId: string): Promise<RiskLimitsVersion[]> =>
        guard(() => client.admin.risk.limits.history.query({ accountId: accountId as AccountId })),
      setRiskLimits: (input: SetRiskLimitsInput): Promise<RiskLimitsVersion> => guard(() => client.admin.risk.limits.set.mutate(input)),
      activeHalts: (): Promise<TradingHalt[]> => guard(() => client.admin.halts.active.query()),
      recentHalts: (query: Partial<RecentHaltsQuery> = {}): Promise<TradingHalt[]> => guard(() => client.admin.halts.recent.query(query)),
      releaseHalt: (input: ReleaseHaltInput): Promise<TradingHalt> => guard(() => client.admin.halts.release.mutate(input)),
      engageKillSwitch: (input: AdminEngageKillSwitchInput): Promise<TradingHalt> => guard(() => client.admin.killSwitch.engage.mutate(input)),
      /** Secrets go up, never down: an account says only whether each secret is stored. */
      brokerAccounts: {
        list: (): Promise<BrokerAccount[]> => guard(() => client.admin.brokerAccounts.list.query()),
        create: (input: CreateBrokerAccountInput): Promise<BrokerAccount> => guard(() => client.admin.brokerAccounts.create.mutate(input)),
        update: (input: UpdateBrokerAccountInput): Promise<BrokerAccount> => guard(() => client.admin.brokerAccounts.update.mutate(input)),
        setEnabled: (id: BrokerAccountId, enabled: boolean): Promise<BrokerAccount> => guard(() => client.admin.brokerAccounts.setEnabled.mutate({ id, enabled })),
        /** null = the simulated market; applies when the engine next starts. */
        setMarketDataSource: (id: BrokerAccountId | null): Promise<BrokerAccount[]> => guard(() => client.admin.brokerAccounts.setMarketDataSource.mutate({ id })),
        assign: (input: BrokerAccountTradersInput): Promise<BrokerAccount> => guard(() => client.admin.brokerAccounts.assign.mutate(input)),
        unassign: (input: BrokerAccountTradersInput): Promise<BrokerAccount> => guard(() => client.admin.brokerAccounts.unassign.mutate(input)),
        setTraders: (input: SetBrokerAccountTradersInput): Promise<BrokerAccount> => guard(() => client.admin.brokerAccounts.setTraders.mutate(input)),
        remove: (id: BrokerAccountId): Promise<unknown> => guard(() => client.admin.brokerAccounts.remove.mutate({ id })),
      },
    },
  };
}

export type GatewayApi = ReturnType<typeof createGatewayApi>;
