import type { QueryClient } from '@tanstack/react-query';
import type { Portfolio, PortfolioDetail, PortfolioWithLive } from '@strikedesk/domain';
import { queryKeys } from '@/lib/queries/query-keys.ts';

/**
 * A portfolio as a mutation returned it: shown at once in the list (added when new) and the
 * detail, then both are refetched (the journal and live figures move with it).
 */
export function rememberPortfolio(queryClient: QueryClient, portfolio: Portfolio): void {
  queryClient.setQueryData<PortfolioWithLive[]>(queryKeys.portfolioList, (list) => {
    if (!list) return list;
    const known = list.find((item) => item.id === portfolio.id);
    return known ? list.map((item) => (item.id === portfolio.id ? { ...portfolio, live: item.live } : item)) : [...list, { ...portfolio, live: null }];
  });
  queryClient.setQueryData<PortfolioDetail>(queryKeys.portfolio(portfolio.id), (detail) => (detail ? { ...detail, portfolio } : detail));
  void queryClient.invalidateQueries({ queryKey: queryKeys.portfolios });
}

/**
 * A portfolio's detail just polled (about once a second while running): its status and MTM go into
 * the list at once, so the list never shows an older status than the workspace beside it.
 */
export function syncListItem(queryClient: QueryClient, detail: PortfolioDetail): void {
  queryClient.setQueryData<PortfolioWithLive[]>(queryKeys.portfolioList, (list) =>
    list?.map((item) => (item.id === detail.portfolio.id ? { ...detail.portfolio, live: detail.live } : item)),
  );
}
