import type { QueryClient } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { mergeOrders } from './orders-merge.ts';
import { queryKeys } from './query-keys.ts';

/**
 * Orders upserted while each `orders.list` request is on its way, per query client: its answer may
 * predate them (a FILLED push during a reconnect's refetch), and before the first answer there is
 * no cache to put them in. Each request lays them over its answer (see fetchOrders).
 */
const inFlightByClient = new WeakMap<QueryClient, Set<Order[]>>();

function inFlight(queryClient: QueryClient): Set<Order[]> {
  let fetches = inFlightByClient.get(queryClient);
  if (!fetches) {
    fetches = new Set();
    inFlightByClient.set(queryClient, fetches);
  }
  return fetches;
}

/**
 * Puts an order into the orderbook cache, newest first. Socket events and mutation results can
 * arrive in either order, so an older `updatedAt` never overwrites a newer one.
 */
export function upsertOrder(queryClient: QueryClient, order: Order): void {
  for (const told of inFlight(queryClient)) told.push(order);
  queryClient.setQueryData<Order[]>(queryKeys.orders, (current) => (current ? mergeOrders(current, [order]) : current));
}

/** The orderbook query's fetch: `orders.list`, with whatever was upserted while it was on its way. */
export async function fetchOrders(queryClient: QueryClient, list: () => Promise<Order[]>): Promise<Order[]> {
  const told: Order[] = [];
  const fetches = inFlight(queryClient);
  fetches.add(told);
  try {
    return mergeOrders(await list(), told);
  } finally {
    fetches.delete(told);
  }
}
