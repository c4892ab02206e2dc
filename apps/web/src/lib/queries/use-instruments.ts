'use client';

import { useQuery } from '@tanstack/react-query';
import type { Instrument } from '@strikedesk/domain';
import { useAuth } from '../auth/auth-context.tsx';
import { queryKeys } from './query-keys.ts';

const EMPTY: ReadonlyMap<string, Instrument> = new Map();

/** Instrument details by id (orders and positions carry only ids). */
export function useInstruments(instrumentIds: readonly string[]): ReadonlyMap<string, Instrument> {
  const { api } = useAuth();
  const key = [...new Set(instrumentIds)].sort().join(',');
  const query = useQuery({
    queryKey: queryKeys.instruments(key),
    queryFn: async () => new Map((await api.instruments.get(key.split(','))).map((instrument) => [instrument.id, instrument])),
    enabled: key !== '',
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
  return query.data ?? EMPTY;
}
