export const queryKeys = {
  systemInfo: ['system-info'] as const,
  watchlist: ['watchlist'] as const,
  orders: ['orders'] as const,
  positions: ['positions'] as const,
  adminUsers: ['admin-users'] as const,
  instrumentSearch: (query: string) => ['instruments', 'search', query] as const,
  instruments: (idsKey: string) => ['instruments', 'get', idsKey] as const,
};
