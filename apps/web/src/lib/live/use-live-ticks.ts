'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Tick } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from '../queries/query-keys.ts';
import { useLive } from './live-context.tsx';

const idsKey = (ids: readonly string[]): string => [...new Set(ids)].sort().join(',');

/**
 * Live ticks for a set of instruments: subscribes them over the socket for as long as the caller is
 * mounted, seeds the store with the latest quotes so cells are filled before the first tick.
 */
export function useLiveTicks(instrumentIds: readonly string[]): ReadonlyMap<string, Tick> {
  const { api } = useAuth();
  const { tickStore, registry } = useLive();
  const key = idsKey(instrumentIds);

  useEffect(() => {
    if (key === '') return;
    return registry.add(key.split(','));
  }, [key, registry]);

  const quotes = useQuery({
    queryKey: queryKeys.quotes(key),
    queryFn: () => api.market.quotes(key.split(',')),
    enabled: key !== '',
    staleTime: Infinity,
  });
  useEffect(() => {
    if (quotes.data) tickStore.apply(quotes.data);
  }, [quotes.data, tickStore]);

  return useSyncExternalStore(tickStore.subscribe, tickStore.getSnapshot, tickStore.getSnapshot);
}

export function useLiveTick(instrumentId: string | null): Tick | undefined {
  const ticks = useLiveTicks(instrumentId ? [instrumentId] : []);
  return instrumentId ? ticks.get(instrumentId) : undefined;
}
