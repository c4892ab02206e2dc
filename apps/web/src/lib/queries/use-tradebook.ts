'use client';

import { useQuery } from '@tanstack/react-query';
import type { TradebookInput } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** The account's trades on a range of IST days (`orders.trades`); null while the dates cannot be asked for. */
export function useTradebook(range: TradebookInput | null) {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.tradebook(range?.from ?? '', range?.to ?? ''),
    queryFn: () => api.orders.trades(range as TradebookInput),
    enabled: range !== null,
  });
}
