'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

/** The user's own API keys, revoked ones included (never their secrets). */
export function useApiKeys() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.apiKeys, queryFn: () => api.apiKeys.list() });
}
