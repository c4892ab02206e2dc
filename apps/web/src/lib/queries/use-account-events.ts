'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Order } from '@strikedesk/domain';
import { useSessionUser } from '../auth/auth-context.tsx';
import { useLive } from '../live/live-context.tsx';
import { upsertOrder } from './orders-cache.ts';
import { queryKeys } from './query-keys.ts';

/** Keeps the orderbook and positions caches current from the account's socket events. */
export function useAccountEvents(): void {
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const { accountId } = useSessionUser();

  useEffect(() => {
    if (!socket) return;
    // Right after an account switch the old socket may still deliver the other account's orders.
    const onOrder = (order: Order) => {
      if (order.accountId === accountId) upsertOrder(queryClient, order);
    };
    const onPositions = () => void queryClient.invalidateQueries({ queryKey: queryKeys.positions });
    // After a reconnect we may have missed events: refetch rather than trust the cache. Orders
    // pushed while the refetch is on its way survive it (fetchOrders lays them over its answer).
    const onConnect = () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.orders });
      void queryClient.invalidateQueries({ queryKey: queryKeys.positions });
    };
    socket.on('order', onOrder);
    socket.on('positions', onPositions);
    socket.on('connect', onConnect);
    return () => {
      socket.off('order', onOrder);
      socket.off('positions', onPositions);
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient, accountId]);
}
