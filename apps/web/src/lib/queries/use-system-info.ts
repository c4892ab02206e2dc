'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

const POLL_MS = 5_000;

export function useSystemInfo() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.systemInfo, queryFn: () => api.system.info(), refetchInterval: POLL_MS });
}
