'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

export function usePositions() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.positions, queryFn: () => api.positions.list() });
}
