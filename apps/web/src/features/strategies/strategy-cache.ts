import type { QueryClient } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import type { StrategyDetail } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';

/**
 * A strategy as a mutation returned it: shown at once in the list and the detail, then the detail
 * is refetched (its versions and alert texts depend on what changed).
 */
export function rememberStrategy(queryClient: QueryClient, strategy: Strategy): void {
  queryClient.setQueryData<Strategy[]>(queryKeys.strategyList, (list) =>
    list?.some((item) => item.id === strategy.id) ? list.map((item) => (item.id === strategy.id ? strategy : item)) : list,
  );
  queryClient.setQueryData<StrategyDetail>(queryKeys.strategy(strategy.id), (detail) => (detail ? { ...detail, strategy } : detail));
  void queryClient.invalidateQueries({ queryKey: queryKeys.strategy(strategy.id) });
  void queryClient.invalidateQueries({ queryKey: queryKeys.strategyList });
}
