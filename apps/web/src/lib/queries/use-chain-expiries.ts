'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** Listed expiries of an underlying, nearest first. */
export function useChainExpiries(underlying: string) {
  const { api } = useAuth();
  return useQuery({
    queryKey: queryKeys.chainExpiries(underlying),
    queryFn: () => api.chain.expiries(underlying),
    staleTime: 60_000,
  });
}
