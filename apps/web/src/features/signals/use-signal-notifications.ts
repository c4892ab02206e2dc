'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SignalUpdate } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { signalNoticeText } from './signal-text.ts';

/** A refused alert stays up long enough to read, but repeats of it must not pile up for good. */
const REJECTED_NOTICE_MS = 15_000;

/**
 * Anywhere in the terminal: a `signal` push refreshes the signal lists, the strategy's performance
 * and the strategies' last status, and a signal that did not trade raises a toast.
 */
export function useSignalNotifications(): void {
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (!socket) return;
    const onSignal = (update: SignalUpdate) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.signals });
      void queryClient.invalidateQueries({ queryKey: queryKeys.strategyPerformance(update.strategyId) });
      const text = signalNoticeText(update);
      if (text === null) return;
      // FAILED is our fault and needs a look; REJECTED is the alert's or the strategy's guard.
      if (update.status === 'FAILED') toast.show({ kind: 'error', message: text });
      else toast.show({ kind: 'warning', message: text, durationMs: REJECTED_NOTICE_MS });
    };
    // Outcomes may have been missed while disconnected.
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: queryKeys.signals });
    socket.on('signal', onSignal);
    socket.on('connect', onConnect);
    return () => {
      socket.off('signal', onSignal);
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient, toast]);
}
