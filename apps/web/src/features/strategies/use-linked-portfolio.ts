'use client';

import { useQuery } from '@tanstack/react-query';
import type { PortfolioStatus, PortfolioWithLive, StrategyTarget } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';

/** What a strategy's detail says about its portfolio; no live figures, so a market tick re-renders nothing. */
export type LinkedPortfolio = { id: string; name: string; underlying: string; status: PortfolioStatus };

/**
 * The portfolio a portfolio strategy runs, from the shared portfolio list (no polling of its own):
 * undefined while loading, null when it no longer exists, or when the strategy trades an instrument.
 */
export function useLinkedPortfolio(target: StrategyTarget): LinkedPortfolio | null | undefined {
  const { api } = useAuth();
  const portfolioId = target.kind === 'PORTFOLIO' ? target.portfolioId : null;
  const query = useQuery({
    queryKey: queryKeys.portfolioList,
    queryFn: () => api.portfolios.list(),
    enabled: portfolioId !== null,
    select: (list: PortfolioWithLive[]): LinkedPortfolio | null => {
      const found = list.find((portfolio) => portfolio.id === portfolioId);
      if (!found) return null;
      const { name, underlying } = found.definition.settings;
      return { id: found.id, name, underlying, status: found.status };
    },
  });
  return portfolioId === null ? null : query.data;
}
