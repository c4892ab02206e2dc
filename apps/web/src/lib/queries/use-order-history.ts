'use client';

import { useQuery } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** An order's journaled history; read again whenever the live order changes (its `updatedAt`). */
export function useOrderHistory(order: Pick<Order, 'orderId' | 'updatedAt'>) {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.orderHistory(order.orderId, order.updatedAt),
    queryFn: () => api.orders.history(order.orderId),
    // The previous version stays on screen while the next one loads.
    placeholderData: (previous) => previous,
  });
}
