'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** Positions per strategy / portfolio book; refreshed with the net positions on every fill. */
export function usePositionBooks(enabled: boolean) {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.positionBooks, queryFn: () => api.positions.books(), enabled });
}
