'use client';

import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { ChainExpiry, LegMarket, OptionChain } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useChainExpiries } from '@/lib/queries/use-chain-expiries.ts';
import { seriesNeeded, type ResolvableLegs } from './leg-resolution.ts';

/** The widest window the chain offers: ATM ± 8 (a condor's wings) and far-OTM premium or delta picks fit. */
const STRIKES_EACH_SIDE = 30;
/** Prices in the legs table and the payoff follow the market at this pace while the screen is open. */
const REFRESH_MS = 3_000;

const EMPTY_EXPIRIES: ChainExpiry[] = [];

export type LegMarketState = {
  market: LegMarket;
  /** The chains loaded so far (the payoff's spot, rate and forwards come from them). */
  chains: OptionChain[];
  /** Why the chains could not be loaded, if they could not. */
  error: unknown;
  loading: boolean;
};

/**
 * The listed series of the underlying and the chains of just the series the legs need, refreshed
 * every few seconds (react-query pauses while the tab is hidden).
 */
export function useLegMarket(input: ResolvableLegs): LegMarketState {
  const { api } = useAuth();
  const underlying = input.settings.underlying;
  const expiries = useChainExpiries(underlying);
  const listed = expiries.data ?? EMPTY_EXPIRIES;
  const needed = useMemo(() => seriesNeeded(input, listed), [input, listed]);
  const results = useQueries({
    queries: needed.map((expiry) => ({
      queryKey: queryKeys.chain(underlying, expiry, STRIKES_EACH_SIDE),
      queryFn: () => api.chain.get({ underlying, expiry, strikesEachSide: STRIKES_EACH_SIDE }),
      refetchInterval: REFRESH_MS,
    })),
  });
  const chains = results.flatMap((result) => (result.data ? [result.data] : []));
  // useQueries gives new arrays every render: key the memo on the chains' timestamps, so the payoff
  // recomputes when a chain moved, not on every render.
  const chainsKey = chains.map((chain) => `${chain.expiry}@${chain.timestamp}`).join(',');
  const stableChains = useMemo(() => chains, [chainsKey]);
  const market = useMemo<LegMarket>(() => {
    const byExpiry = new Map(stableChains.map((chain) => [chain.expiry, chain]));
    return { expiries: listed, chainFor: (expiry) => byExpiry.get(expiry) };
  }, [listed, stableChains]);
  return {
    market,
    chains: stableChains,
    error: expiries.error ?? results.find((result) => result.error)?.error ?? null,
    loading: expiries.isPending || results.some((result) => result.isPending),
  };
}
