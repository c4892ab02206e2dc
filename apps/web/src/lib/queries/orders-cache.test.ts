import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { upsertOrder } from './orders-cache.ts';
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
