'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** The user's own account's risk limits (what every order is checked against) and their version. */
export function useRiskLimits() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.riskLimits, queryFn: () => api.risk.limits() });
}
