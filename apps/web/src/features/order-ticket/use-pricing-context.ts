'use client';

import { useQuery } from '@tanstack/react-query';
import type { Instrument, OptionChain } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';

const isOption = (instrument: Pick<Instrument, 'kind'>): boolean => instrument.kind === 'CALL' || instrument.kind === 'PUT';

/** The narrowest window the chain offers: the ticket needs the expiry's pricing inputs, not the table. */
const PRICING_STRIKES_EACH_SIDE = 5;

/**
 * The option's chain around ATM (forward, discount factor, time to expiry, the engine's own IV and
 * delta for strikes near the money), refreshed every few seconds while a ticket is open.
 */
export function usePricingContext(instrument: Pick<Instrument, 'kind' | 'underlying' | 'expiry'>) {
  const { api } = useAuth();
  const expiry = instrument.expiry ?? '';
  return useQuery<OptionChain>({
    queryKey: queryKeys.chain(instrument.underlying, expiry, PRICING_STRIKES_EACH_SIDE),
    queryFn: () => api.chain.get({ underlying: instrument.underlying, expiry, strikesEachSide: PRICING_STRIKES_EACH_SIDE }),
    enabled: isOption(instrument) && expiry !== '',
    refetchInterval: 3_000,
    retry: false,
  });
}
