'use client';

import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '@strikedesk/ui';
import type { ChainOption, Instrument } from '@strikedesk/domain';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useOrderTicket } from '../order-ticket/order-ticket-context.tsx';
import { clickedPrice, type PriceAction } from './chain-columns.ts';

/**
 * Opens the order ticket from a clicked chain price: bid → SELL LIMIT at the bid, ask → BUY LIMIT at
 * the ask, LTP → BUY LIMIT at the LTP; nothing for a price the option does not have (no bid, no ask,
 * no trade). Instruments come from the preloaded details when present.
 */
export function useChainTrade(instruments: ReadonlyMap<string, Instrument>) {
  const { api } = useAuth();
  const ticket = useOrderTicket();
  const toast = useToast();
  const queryClient = useQueryClient();

  return useCallback(
    (option: ChainOption, action: PriceAction) => {
      const price = clickedPrice(option, action);
      if (price === null) return;
      const side = action === 'bid' ? 'SELL' : 'BUY';
      const open = (instrument: Instrument) => ticket.open(instrument, side, { type: 'LIMIT', price });
      const known = instruments.get(option.instrumentId);
      if (known) {
        open(known);
        return;
      }
      queryClient
        .fetchQuery({
          queryKey: queryKeys.instruments(option.instrumentId),
          queryFn: async () => new Map((await api.instruments.get([option.instrumentId])).map((item) => [item.id, item])),
          staleTime: Infinity,
        })
        .then((found) => {
          const instrument = found.get(option.instrumentId);
          if (instrument) open(instrument);
          else toast.show({ kind: 'error', message: `Unknown instrument ${option.instrumentId}` });
        })
        .catch((error: unknown) => toast.show({ kind: 'error', message: errorMessage(error) }));
    },
    [api, instruments, queryClient, ticket, toast],
  );
}
