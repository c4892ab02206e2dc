'use client';

import { useQuery } from '@tanstack/react-query';
import type { StrategyId } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** The user's strategies, by name. */
export function useStrategies() {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.strategyList,
    queryFn: async () => (await api.strategies.list()).sort((a, b) => a.name.localeCompare(b.name) || a.createdAt - b.createdAt),
  });
}

/** One strategy with its versions (newest first) and the alert texts to copy. */
export function useStrategy(strategyId: StrategyId) {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.strategy(strategyId),
    queryFn: async () => {
      const detail = await api.strategies.get(strategyId);
      return { ...detail, versions: [...detail.versions].sort((a, b) => b.version - a.version) };
    },
  });
}

/** Closed trades, equity curve and statistics of the strategy's virtual book. */
export function useStrategyPerformance(strategyId: StrategyId) {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.strategyPerformance(strategyId), queryFn: () => api.strategies.performance(strategyId) });
}
