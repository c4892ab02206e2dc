'use client';

import { useEffect, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@strikedesk/ui';
import type { ChainQuery, OptionChain } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { chainMatchesQuery, chainPlaceholder, stabiliseChain } from './chain-view.ts';

/**
 * One option chain: the snapshot from `chain.get`, then every `chain` push of the socket for this
 * query (subscribed while mounted, again after every reconnect, replaced when the query changes).
 * Pushes are merged so unchanged rows keep their identity (no re-render, no flicker). Only pushes
 * of exactly this query are taken; while the new query loads, the previous chain stays as
 * placeholder only if it has the same underlying and expiry (`isPlaceholderData` then).
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
  // Unused while there is no query (the query is disabled and nothing is subscribed).
  const strikesEachSide = query?.strikesEachSide ?? 15;
  const key = queryKeys.chain(underlying, expiry, strikesEachSide);

  const snapshot = useQuery({
    queryKey: key,
    queryFn: () => api.chain.get({ underlying, expiry, strikesEachSide }),
    enabled: query !== null,
    // Live pushes keep it current; never let a background refetch overwrite a newer push.
    staleTime: Infinity,
    placeholderData: (previous) => chainPlaceholder(previous, { underlying, expiry }),
  });

  useEffect(() => {
    if (!socket || underlying === '' || expiry === '') return;
    const chainKey = queryKeys.chain(underlying, expiry, strikesEachSide);
    const subscribe = () =>
      socket.emit('chain:subscribe', { underlying, expiry, strikesEachSide }, (result) => {
        if (!result.ok) toastRef.current.show({ kind: 'warning', message: `Live chain unavailable: ${result.message}` });
      });
    const onChain = (chain: OptionChain) => {
      // A push for the previous picker choice may still be in flight: take exactly this query's.
      if (!chainMatchesQuery(chain, { underlying, expiry, strikesEachSide })) return;
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
