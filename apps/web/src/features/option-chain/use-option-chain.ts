'use client';

import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@strikedesk/ui';
import type { ChainQuery, OptionChain } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { stabiliseChain } from './chain-view.ts';

/**
 * One option chain: the snapshot from `chain.get`, then every `chain` push of the socket for this
 * query (subscribed while mounted, again after every reconnect, replaced when the query changes).
 * Pushes are merged so unchanged rows keep their identity (no re-render, no flicker).
 */
export function useOptionChain(query: ChainQuery | null) {
  const { api } = useAuth();
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toastRef = useRef(toast);
  toastRef.current = toast;
  const underlying = query?.underlying ?? '';
  const expiry = query?.expiry ?? '';
  const strikesEachSide = query?.strikesEachSide ?? 0;
  const key = queryKeys.chain(underlying, expiry, strikesEachSide);

  const snapshot = useQuery({
    queryKey: key,
    queryFn: () => api.chain.get({ underlying, expiry, strikesEachSide }),
    enabled: query !== null,
    // Live pushes keep it current; never let a background refetch overwrite a newer push.
    staleTime: Infinity,
    placeholderData: (previous) => (previous?.underlying === underlying ? previous : undefined),
  });

  useEffect(() => {
    if (!socket || underlying === '' || expiry === '') return;
    const chainKey = queryKeys.chain(underlying, expiry, strikesEachSide);
    const subscribe = () =>
      socket.emit('chain:subscribe', { underlying, expiry, strikesEachSide }, (result) => {
        if (!result.ok) toastRef.current.show({ kind: 'warning', message: `Live chain unavailable: ${result.message}` });
      });
    const onChain = (chain: OptionChain) => {
      // A push for the previous picker choice may still be in flight.
      if (chain.underlying !== underlying || chain.expiry !== expiry || chain.rows.length > 2 * strikesEachSide + 1) return;
      queryClient.setQueryData<OptionChain>(chainKey, (previous) => stabiliseChain(previous, chain));
    };
    socket.on('chain', onChain);
    socket.on('connect', subscribe);
    if (socket.connected) subscribe();
    return () => {
      socket.off('chain', onChain);
      socket.off('connect', subscribe);
      if (socket.connected) socket.emit('chain:unsubscribe');
    };
  }, [socket, queryClient, underlying, expiry, strikesEachSide]);

  return snapshot;
}
