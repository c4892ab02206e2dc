'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Instrument } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useAuth } from '../auth/auth-context.tsx';
import { errorMessage } from '../api/api-error.ts';
import { queryKeys } from './query-keys.ts';

export function useWatchlist() {
  const { api } = useAuth();
  return useQuery({ queryKey: queryKeys.watchlist, queryFn: () => api.watchlist.list() });
}

/** Add/remove; the server answers with the whole list, which replaces the cache. */
export function useWatchlistMutations() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const onSuccess = (list: Instrument[]) => queryClient.setQueryData(queryKeys.watchlist, list);
  const onError = (error: unknown) => toast.show({ kind: 'error', message: errorMessage(error) });
  const add = useMutation({ mutationFn: (id: Instrument['id']) => api.watchlist.add(id), onSuccess, onError });
  const remove = useMutation({ mutationFn: (id: Instrument['id']) => api.watchlist.remove(id), onSuccess, onError });
  return { add, remove };
}
