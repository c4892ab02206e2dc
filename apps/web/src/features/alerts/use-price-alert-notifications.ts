'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PriceAlert } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { firedNotice, gttPlacedAnOrder } from './price-alert-notice.ts';

/**
 * Anywhere in the terminal: a fired price alert pops up and refreshes the alerts list; a
 * reconnect, or the gateway saying its own notifications were interrupted, refreshes it too (one
 * may have fired unseen meanwhile). A GTT that placed an order refreshes the orders as well, so
 * the orderbook shows it even where the order's own `order` event was missed; when the tab is on
 * another account than the GTT's, that is a refetch of the current one — needless, harmless.
 */
export function usePriceAlertNotifications(): void {
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (!socket) return;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.priceAlerts });
    const onFired = ({ alert, instrumentName }: { alert: PriceAlert; instrumentName: string }) => {
      refresh();
      if (gttPlacedAnOrder(alert)) void queryClient.invalidateQueries({ queryKey: queryKeys.orders });
      toast.show(firedNotice(alert, instrumentName));
    };
    socket.on('priceAlert', onFired);
    socket.on('priceAlertsStale', refresh);
    socket.on('connect', refresh);
    return () => {
      socket.off('priceAlert', onFired);
      socket.off('priceAlertsStale', refresh);
      socket.off('connect', refresh);
    };
  }, [socket, queryClient, toast]);
}
