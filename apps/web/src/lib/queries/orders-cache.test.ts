import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { fetchOrders, upsertOrder } from './orders-cache.ts';
import { queryKeys } from './query-keys.ts';

const order = (orderId: string, createdAt: number, updatedAt: number, status: Order['status']): Order =>
  ({ orderId, createdAt, updatedAt, status }) as unknown as Order;

describe('upsertOrder', () => {
  it('inserts newest first and replaces by order id', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.orders, [order('a', 1, 1, 'OPEN')]);
    upsertOrder(client, order('b', 2, 2, 'OPEN'));
    upsertOrder(client, order('a', 1, 3, 'FILLED'));
    const list = client.getQueryData<Order[]>(queryKeys.orders) ?? [];
    expect(list.map((o) => [o.orderId, o.status])).toEqual([
      ['b', 'OPEN'],
      ['a', 'FILLED'],
    ]);
  });

  it('never lets a stale event overwrite a newer state', () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.orders, [order('a', 1, 5, 'FILLED')]);
    upsertOrder(client, order('a', 1, 4, 'OPEN'));
    expect(client.getQueryData<Order[]>(queryKeys.orders)?.[0]?.status).toBe('FILLED');
  });
});

/** An `orders.list` answer that arrives only when the test says so. */
function pendingList() {
  let answer: (orders: Order[]) => void = () => {};
  const promise = new Promise<Order[]>((resolve) => (answer = resolve));
  return { list: () => promise, answer };
}

describe('fetchOrders', () => {
  it('a push that lands while a refetch is on its way survives the older answer', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.orders, [order('a', 1, 1, 'OPEN')]);
    const pending = pendingList();
    const refetch = client.fetchQuery({ queryKey: queryKeys.orders, queryFn: () => fetchOrders(client, pending.list) });
    upsertOrder(client, order('a', 1, 2, 'FILLED'));
    pending.answer([order('a', 1, 1, 'OPEN')]); // read before the fill
    await refetch;
    expect(client.getQueryData<Order[]>(queryKeys.orders)?.map((o) => o.status)).toEqual(['FILLED']);
  });

  it('keeps pushes that arrive before the first load (no cache yet)', async () => {
    const client = new QueryClient();
    const pending = pendingList();
    const load = client.fetchQuery({ queryKey: queryKeys.orders, queryFn: () => fetchOrders(client, pending.list) });
    upsertOrder(client, order('b', 2, 2, 'OPEN'));
    pending.answer([order('a', 1, 1, 'OPEN')]);
    await load;
    expect(client.getQueryData<Order[]>(queryKeys.orders)?.map((o) => o.orderId)).toEqual(['b', 'a']);
  });

  it('lets a newer answer replace an older push, and forgets pushes once the fetch is done', async () => {
    const client = new QueryClient();
    const first = pendingList();
    const load = fetchOrders(client, first.list);
    upsertOrder(client, order('a', 1, 2, 'OPEN'));
    first.answer([order('a', 1, 3, 'CANCELED')]);
    expect((await load).map((o) => o.status)).toEqual(['CANCELED']);

    upsertOrder(client, order('z', 9, 9, 'OPEN')); // no fetch on its way: nothing remembers it
    expect(await fetchOrders(client, async () => [])).toEqual([]);
  });
});
