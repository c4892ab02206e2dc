'use client';

import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountGreeks } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { useLive } from '../live/live-context.tsx';
import { queryKeys } from './query-keys.ts';

/**
 * The account's Greeks (per position, per underlying, total): `positions.greeks` first, then the
 * socket's `greeks` pushes (about once a second while there are positions). A fill refetches.
 */
export function useAccountGreeks() {
  const { api, state } = useAuth();
  const accountId = state.status === 'authenticated' ? state.user.accountId : null;
  const { socket } = useLive();
  const queryClient = useQueryClient();

  const query = useQuery({ queryKey: queryKeys.accountGreeks, queryFn: () => api.positions.greeks() });

  useEffect(() => {
    if (!socket) return;
    const onGreeks = (greeks: AccountGreeks) => {
      // Right after an account switch the old socket may still push the other account's Greeks.
      if (greeks.accountId !== accountId) return;
      queryClient.setQueryData<AccountGreeks>(queryKeys.accountGreeks, (previous) =>
        previous && previous.timestamp > greeks.timestamp ? previous : greeks,
      );
    };
    const refetch = () => void queryClient.invalidateQueries({ queryKey: queryKeys.accountGreeks });
    socket.on('greeks', onGreeks);
    socket.on('positions', refetch);
    socket.on('connect', refetch);
    return () => {
      socket.off('greeks', onGreeks);
      socket.off('positions', refetch);
      socket.off('connect', refetch);
    };
  }, [socket, queryClient, accountId]);

  return query;
}
