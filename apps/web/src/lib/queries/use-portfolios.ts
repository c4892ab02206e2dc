'use client';

import { useQuery } from '@tanstack/react-query';
import { AUTOMATED_STATUSES, type PortfolioId, type PortfolioStatus, type PortfolioWithLive } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** Live MTM in the list moves with the market; a few seconds is enough for a list. */
const LIST_POLL_MS = 3_000;
/** A running portfolio's screen: status, MTM and journal about once a second (paused while the tab is hidden). */
const RUNNING_POLL_MS = 1_000;
/** Not running: only a status change made elsewhere (another tab, the kill switch) to pick up. */
const IDLE_POLL_MS = 5_000;

// Module-level selectors: react-query re-runs a select only when the data or the function changes.
const byName = (list: PortfolioWithLive[]): PortfolioWithLive[] =>
  [...list].sort((a, b) => a.definition.settings.name.localeCompare(b.definition.settings.name) || a.createdAt - b.createdAt);
const namesById = (list: PortfolioWithLive[]): ReadonlyMap<string, string> =>
  new Map(list.map((portfolio) => [portfolio.id as string, portfolio.definition.settings.name]));

/** The user's portfolios by name, each with its live figures while it holds positions. */
export function usePortfolios() {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.portfolioList,
    queryFn: () => api.portfolios.list(),
    select: byName,
    refetchInterval: LIST_POLL_MS,
  });
}

const pollIntervalFor = (status: PortfolioStatus | undefined): number =>
  status !== undefined && AUTOMATED_STATUSES.has(status) ? RUNNING_POLL_MS : IDLE_POLL_MS;

/** One portfolio with its action journal (newest first) and live figures, polled while the screen is visible. */
export function usePortfolio(portfolioId: PortfolioId | null) {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.portfolio(portfolioId ?? ''),
    queryFn: () => api.portfolios.get(portfolioId as PortfolioId),
    enabled: portfolioId !== null,
    refetchInterval: (query) => pollIntervalFor(query.state.data?.portfolio.status),
  });
}

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** Portfolio names by id (the positions books name a portfolio by it); no polling of its own. */
export function usePortfolioNames(): ReadonlyMap<string, string> {
  const { api } = useAuth();
  const query = useQuery({
    queryKey: queryKeys.portfolioList,
    queryFn: () => api.portfolios.list(),
    select: namesById,
  });
  return query.data ?? NO_NAMES;
}
