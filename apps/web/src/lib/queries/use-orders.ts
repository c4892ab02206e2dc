'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { fetchOrders } from './orders-cache.ts';
import { queryKeys } from './query-keys.ts';

/** The orderbook, newest first: `orders.list`, kept current by pushes (useAccountEvents). */
export function useOrders() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.orders,
    // Pushes that land while the list is on its way are laid over it: the list may predate them.
    queryFn: () => fetchOrders(queryClient, () => api.orders.list()),
  });
}
