export const queryKeys = {
  systemInfo: ['system-info'] as const,
  watchlist: ['watchlist'] as const,
  orders: ['orders'] as const,
  positions: ['positions'] as const,
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
