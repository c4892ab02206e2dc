'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** Often enough that the header turns at the open, the close and the MIS cut-off within a few seconds. */
const POLL_MS = 10_000;

/** Open or closed, and the intraday (MIS) cut-off, as the engine's order checks see them. */
export function useMarketSession() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.marketSession, queryFn: () => api.market.session(), refetchInterval: POLL_MS });
}
