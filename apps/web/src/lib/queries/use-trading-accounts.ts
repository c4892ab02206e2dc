'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** The engine writes connection states to the database; nothing pushes them to traders yet: poll. */
const POLL_MS = 10_000;

/** The user's trading accounts (paper first), live ones with their broker account's state. */
export function useTradingAccounts() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.tradingAccounts, queryFn: () => api.auth.accounts(), refetchInterval: POLL_MS });
}
