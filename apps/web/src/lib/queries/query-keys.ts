export const queryKeys = {
  systemInfo: ['system-info'] as const,
  marketSession: ['market-session'] as const,
  tradingAccounts: ['trading-accounts'] as const,
  watchlist: ['watchlist'] as const,
  /** The user's price alerts (theirs, not an account's: kept across an account switch). */
  priceAlerts: ['price-alerts'] as const,
  /** Latest quotes of a set of instruments (seeds the tick store); all live under ['quotes']. */
  quotesAll: ['quotes'] as const,
  quotes: (idsKey: string) => ['quotes', idsKey] as const,
  /** An instrument's recent candles of one interval (the chart's history; live ticks extend it). */
  barsAll: ['bars'] as const,
  bars: (instrumentId: string, interval: string) => ['bars', instrumentId, interval] as const,
  orders: ['orders'] as const,
  /** One order's history as of its last update (a push that changes the order asks again). */
  orderHistory: (orderId: string, updatedAt: number) => ['orders', 'history', orderId, updatedAt] as const,
  /** The tradebook of a range of IST days; under `orders`, so it is the account's and goes with it on a switch. */
  tradebook: (from: string, to: string) => ['orders', 'trades', from, to] as const,
  /** Net positions; books live under it, so a fill's `positions` nudge refreshes both. */
  positions: ['positions'] as const,
  positionBooks: ['positions', 'books'] as const,
  activeHalts: ['halts', 'active'] as const,
  riskLimits: ['risk-limits'] as const,
  apiKeys: ['api-keys'] as const,
  notificationSettings: ['notification-settings'] as const,
  adminRiskLimitsHistory: (accountId: string) => ['admin', 'risk-limits', accountId] as const,
  /** Every admin halt list (active, recent) lives under this prefix. */
  adminHalts: ['admin', 'halts'] as const,
  adminActiveHalts: ['admin', 'halts', 'active'] as const,
  adminRecentHalts: ['admin', 'halts', 'recent'] as const,
  adminUsers: ['admin-users'] as const,
  adminApiKeys: ['admin-api-keys'] as const,
  adminBrokerAccounts: ['admin', 'broker-accounts'] as const,
  accountGreeks: ['account-greeks'] as const,
  greekLimits: ['greek-limits'] as const,
  chainExpiries: (underlying: string) => ['chain', 'expiries', underlying] as const,
  /** Every chain snapshot lives under ['chain', 'get', …]: the ticket's what-if looks them up. */
  chainAll: ['chain', 'get'] as const,
  chain: (underlying: string, expiry: string, strikesEachSide: number) => ['chain', 'get', underlying, expiry, strikesEachSide] as const,
  /** The strategy list and every strategy's detail and performance live under this prefix. */
  strategies: ['strategies'] as const,
  strategyList: ['strategies', 'list'] as const,
  strategy: (strategyId: string) => ['strategies', 'get', strategyId] as const,
  strategyPerformance: (strategyId: string) => ['strategies', 'performance', strategyId] as const,
  /** The portfolio list and every portfolio's detail live under this prefix. */
  portfolios: ['portfolios'] as const,
  portfolioList: ['portfolios', 'list'] as const,
  portfolio: (portfolioId: string) => ['portfolios', 'get', portfolioId] as const,
  /** Every signal list and signal detail lives under this prefix: a `signal` push refreshes them all. */
  signals: ['signals'] as const,
  signalList: (strategyId: string, status: string) => ['signals', 'list', strategyId, status] as const,
  latestSignals: ['signals', 'latest'] as const,
  signal: (signalId: string) => ['signals', 'get', signalId] as const,
  instrumentSearch: (query: string) => ['instruments', 'search', query] as const,
  instruments: (idsKey: string) => ['instruments', 'get', idsKey] as const,
};

/**
 * What belongs to the trading account in the token: switching accounts resets these (never shows
 * one account's orders under the other's name); market data and user-level lists stay.
 */
export const ACCOUNT_SCOPED_KEYS = [
  queryKeys.orders,
  queryKeys.positions,
  ['halts'],
  queryKeys.riskLimits,
  queryKeys.accountGreeks,
  queryKeys.portfolios,
] as const;
