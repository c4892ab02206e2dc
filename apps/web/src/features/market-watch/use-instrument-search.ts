'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { useDebouncedValue } from '@/lib/hooks/use-debounced-value.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';

const SEARCH_DEBOUNCE_MS = 250;
/** One character matches most of the instrument master: not worth a request. */
const MIN_QUERY_LENGTH = 2;

export type InstrumentSearchState = ReturnType<typeof useInstrumentSearch>;

/** A search box's text and the instruments it finds: asked once typing pauses, answers kept a minute. */
export function useInstrumentSearch() {
  const { api } = useAuth();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const searching = query.length >= MIN_QUERY_LENGTH;
  const search = useQuery({
    queryKey: queryKeys.instrumentSearch(query),
    queryFn: () => api.instruments.search(query, 20),
    enabled: searching,
    staleTime: 60_000,
  });
  return { text, setText, query, searching, search };
}
