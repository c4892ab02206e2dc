'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { priceAlertTriggeredText, type PriceAlert } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';

/** Long enough to read across the room; a fired alert is the point of having set it. */
const FIRED_NOTICE_MS = 30_000;

/**
 * Anywhere in the terminal: a fired price alert pops up and refreshes the alerts list; a
 * reconnect, or the gateway saying its own notifications were interrupted, refreshes it too (one
 * may have fired unseen meanwhile).
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
      toast.show({ kind: 'warning', message: `Price alert: ${priceAlertTriggeredText(alert, instrumentName)}`, durationMs: FIRED_NOTICE_MS });
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
