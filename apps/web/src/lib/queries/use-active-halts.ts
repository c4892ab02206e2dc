'use client';

import { useEffect, useMemo, useRef } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TradingHalt } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { useLive } from '../live/live-context.tsx';
import { activeHaltsOf, applyActiveHalts, applyHaltChange, type KnownHalts } from './halts-cache.ts';
import { queryKeys } from './query-keys.ts';

/** A halt stops this account's orders when it is global or the account's own. */
export const haltAppliesTo = (halt: Pick<TradingHalt, 'scope' | 'accountId'>, accountId: string): boolean =>
  halt.scope === 'GLOBAL' || halt.accountId === accountId;

/**
 * Records a halt the user just engaged or released without waiting for its push — only one that
 * applies to their own account (an admin also acts on other accounts).
 */
export function rememberHalt(queryClient: ReturnType<typeof useQueryClient>, halt: TradingHalt, myAccountId: string): void {
  if (!haltAppliesTo(halt, myAccountId)) return;
  queryClient.setQueryData<KnownHalts>(queryKeys.activeHalts, (known) => applyHaltChange(known ?? [], halt));
}

/**
 * The halts that stop this user's orders now (their account's and global ones): `halts.active` on
 * load and after every reconnect, then the socket's `halt` pushes.
 */
export function useActiveHalts(accountId: string): { halts: TradingHalt[]; isError: boolean } {
  const { api } = useAuth();
  const { socket } = useLive();
  const queryClient = useQueryClient();
  // Ids pushed while each `halts.active` request is on its way (its answer may predate them).
  const fetches = useRef(new Set<Set<number>>());

  const query = useQuery({
    queryKey: queryKeys.activeHalts,
    queryFn: async (): Promise<KnownHalts> => {
      const pushed = new Set<number>();
      fetches.current.add(pushed);
      try {
        const active = await api.halts.active();
        return applyActiveHalts(queryClient.getQueryData<KnownHalts>(queryKeys.activeHalts) ?? [], active, pushed);
      } finally {
        fetches.current.delete(pushed);
      }
    },
    staleTime: Infinity,
  });

  useEffect(() => {
    if (!socket) return;
    const onHalt = (halt: TradingHalt) => {
      for (const pushed of fetches.current) pushed.add(halt.id);
      // The gateway sends only this account's and global halts; checked again all the same.
      rememberHalt(queryClient, halt, accountId);
    };
    // Pushes may have been missed while disconnected.
    const onConnect = () => void queryClient.invalidateQueries({ queryKey: queryKeys.activeHalts });
    socket.on('halt', onHalt);
    socket.on('connect', onConnect);
    return () => {
      socket.off('halt', onHalt);
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient, accountId]);

  const halts = useMemo(() => activeHaltsOf(query.data ?? []), [query.data]);
  return { halts, isError: query.isError };
}
