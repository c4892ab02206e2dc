'use client';

import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Bar, BarInterval, Instrument } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { nextLiveBars, type LiveBars } from './live-bars.ts';

export type Candles =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void; retrying: boolean }
  /** `seriesKey` names the instrument and interval the bars are of (the chart redraws when it changes). */
  | { status: 'ready'; seriesKey: string; bars: readonly Bar[] };

/**
 * An instrument's candles of one interval: its recent history from the gateway, the forming bar
 * (and any that open) built live from its ticks, bucketed exactly as the gateway buckets them.
 */
export function useCandles(instrument: Instrument, interval: BarInterval): Candles {
  const { api } = useAuth();
  const tick = useLiveTick(instrument.id);
  const seriesKey = `${instrument.id}:${interval}`;
  const history = useQuery({
    queryKey: queryKeys.bars(instrument.id, interval),
    queryFn: () => api.market.bars({ instrumentId: instrument.id, interval }),
  });
  const [live, setLive] = useState<LiveBars | null>(null);
  useEffect(() => {
    setLive((current) => nextLiveBars(current, seriesKey, history.data, tick, interval));
  }, [seriesKey, history.data, tick, interval]);

  // The state catches up one effect after a switch: never show one chart's bars under another's key.
  if (live && live.key === seriesKey) return { status: 'ready', seriesKey, bars: live.bars };
  if (history.isError) {
    return { status: 'error', message: errorMessage(history.error), retry: () => void history.refetch(), retrying: history.isFetching };
  }
  return { status: 'loading' };
}
