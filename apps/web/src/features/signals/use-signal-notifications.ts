'use client';

import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { SignalUpdate } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useLive } from '@/lib/live/live-context.tsx';
import { keysChangedBySignal, KEYS_STALE_AFTER_RECONNECT } from './signal-refresh.ts';
import { signalNoticeText } from './signal-text.ts';

/** A refused alert stays up long enough to read, but repeats of it must not pile up for good. */
const REJECTED_NOTICE_MS = 15_000;

/**
 * Anywhere in the terminal: a `signal` push refreshes the signal lists, the strategy's performance
 * and the strategies' last status, a reconnect refreshes signals and strategies, and a signal that
 * did not trade raises a toast.
 */
export function useSignalNotifications(): void {
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (!socket) return;
    const onSignal = (update: SignalUpdate) => {
      for (const queryKey of keysChangedBySignal(update)) void queryClient.invalidateQueries({ queryKey });
      const text = signalNoticeText(update);
      if (text === null) return;
      // FAILED is our fault and needs a look; REJECTED is the alert's or the strategy's guard.
      if (update.status === 'FAILED') toast.show({ kind: 'error', message: text });
      else toast.show({ kind: 'warning', message: text, durationMs: REJECTED_NOTICE_MS });
    };
    // Outcomes, fills and settings may have changed unseen while disconnected.
    const onConnect = () => {
      for (const queryKey of KEYS_STALE_AFTER_RECONNECT) void queryClient.invalidateQueries({ queryKey });
    };
    socket.on('signal', onSignal);
    socket.on('connect', onConnect);
    return () => {
      socket.off('signal', onSignal);
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient, toast]);
}
