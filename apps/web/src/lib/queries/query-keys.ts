export const queryKeys = {
  systemInfo: ['system-info'] as const,
  watchlist: ['watchlist'] as const,
  orders: ['orders'] as const,
  /** Net positions; books live under it, so a fill's `positions` nudge refreshes both. */
  positions: ['positions'] as const,
  positionBooks: ['positions', 'books'] as const,
  activeHalts: ['halts', 'active'] as const,
  riskLimits: ['risk-limits'] as const,
  adminRiskLimitsHistory: (accountId: string) => ['admin', 'risk-limits', accountId] as const,
  /** Every admin halt list (active, recent) lives under this prefix. */
  adminHalts: ['admin', 'halts'] as const,
  adminActiveHalts: ['admin', 'halts', 'active'] as const,
  adminRecentHalts: ['admin', 'halts', 'recent'] as const,
  adminUsers: ['admin-users'] as const,
  accountGreeks: ['account-greeks'] as const,
  greekLimits: ['greek-limits'] as const,
  chainExpiries: (underlying: string) => ['chain', 'expiries', underlying] as const,
  /** Every chain snapshot lives under ['chain', 'get', …]: the ticket's what-if looks them up. */
  chainAll: ['chain', 'get'] as const,
  chain: (underlying: string, expiry: string, strikesEachSide: number) => ['chain', 'get', underlying, expiry, strikesEachSide] as const,
  instrumentSearch: (query: string) => ['instruments', 'search', query] as const,
  instruments: (idsKey: string) => ['instruments', 'get', idsKey] as const,
};
