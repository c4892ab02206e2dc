import type { QueryClient } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { queryKeys } from './query-keys.ts';

/**
 * Puts an order into the orderbook cache, newest first. Socket events and mutation results can
 * arrive in either order, so an older `updatedAt` never overwrites a newer one.
 */
export function upsertOrder(queryClient: QueryClient, order: Order): void {
  queryClient.setQueryData<Order[]>(queryKeys.orders, (current) => {
    if (!current) return current; // not loaded yet: the list fetch will include it
    const existing = current.find((candidate) => candidate.orderId === order.orderId);
    if (existing && existing.updatedAt > order.updatedAt) return current;
    const others = current.filter((candidate) => candidate.orderId !== order.orderId);
    return [order, ...others].sort((a, b) => b.createdAt - a.createdAt);
  });
}
