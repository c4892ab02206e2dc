'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

export function useOrders() {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.orders,
    queryFn: async () => (await api.orders.list()).sort((a, b) => b.createdAt - a.createdAt),
  });
}
