'use client';

import { useQuery } from '@tanstack/react-query';
import type { Instrument, OptionChain } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';

const isOption = (instrument: Pick<Instrument, 'kind'>): boolean => instrument.kind === 'CALL' || instrument.kind === 'PUT';

/**
 * The option's chain around ATM (forward, spot, time to expiry, the engine's own IV and delta for
 * strikes near the money), refreshed every few seconds while a ticket is open.
 */
export function usePricingContext(instrument: Pick<Instrument, 'kind' | 'underlying' | 'expiry'>) {
  const { api } = useAuth();
  const expiry = instrument.expiry ?? '';
  return useQuery<OptionChain>({
    queryKey: queryKeys.chain(instrument.underlying, expiry, 1),
    queryFn: () => api.chain.get({ underlying: instrument.underlying, expiry, strikesEachSide: 1 }),
    enabled: isOption(instrument) && expiry !== '',
    refetchInterval: 3_000,
    retry: false,
  });
}
