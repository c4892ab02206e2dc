'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** The user's price alerts, newest first (`alerts.list`); a fired one's push refreshes it. */
export function usePriceAlerts() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.priceAlerts, queryFn: () => api.alerts.list() });
}
