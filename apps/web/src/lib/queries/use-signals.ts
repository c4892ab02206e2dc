'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Signal, SignalStatus, StrategyId } from '@strikedesk/domain';
import type { SignalWithOrders } from '../api/gateway-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

export const SIGNAL_PAGE_SIZE = 50;

export type SignalFilter = { strategyId: StrategyId | ''; status: SignalStatus | '' };

/**
 * Signals newest first, a page at a time: each older page starts below the oldest id loaded. A
 * refetch (after a `signal` push) reloads every page loaded so far.
 */
export function useSignalPages(filter: SignalFilter) {
  const { api } = useAuth();
  return useInfiniteQuery({
    queryKey: queryKeys.signalList(filter.strategyId, filter.status),
    queryFn: ({ pageParam }) =>
      api.signals.list({
        limit: SIGNAL_PAGE_SIZE,
        ...(filter.strategyId ? { strategyId: filter.strategyId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
        ...(pageParam ? { before: pageParam } : {}),
      }),
    initialPageParam: '',
    getNextPageParam: (page: Signal[]) => (page.length < SIGNAL_PAGE_SIZE ? undefined : page.at(-1)?.id),
  });
}

/** The newest signal of each of the user's strategies: one request for the whole list. */
export function useLatestSignalByStrategy() {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.latestSignals,
    queryFn: async () => new Map((await api.signals.latestByStrategy()).map((signal) => [signal.strategyId as string, signal])),
  });
}

/** One signal with its timeline and orders; polled while `settling` says the engine is still at it. */
export function useSignal(signalId: string, settling: (signal: SignalWithOrders) => boolean) {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.signal(signalId),
    queryFn: () => api.signals.get(signalId),
    refetchInterval: (query) => (query.state.data && settling(query.state.data) ? 2_000 : false),
  });
}
