'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Instrument, OrderType, Paise, Side } from '@strikedesk/domain';
import { OrderTicketDialog } from './order-ticket-dialog.tsx';

/** What a click on a price pre-fills: e.g. a chain's ask → BUY LIMIT at that ask. */
export type TicketPreset = { type?: OrderType; price?: Paise };

type OrderTicketApi = { open: (instrument: Instrument, side: Side, preset?: TicketPreset) => void };

const OrderTicketContext = createContext<OrderTicketApi | null>(null);

export function useOrderTicket(): OrderTicketApi {
  const api = useContext(OrderTicketContext);
  if (!api) throw new Error('useOrderTicket must be used inside <OrderTicketProvider>');
  return api;
}

type TicketRequest = { instrument: Instrument; side: Side; preset: TicketPreset | undefined; generation: number };

/** One ticket for the whole terminal; opening it again starts a fresh form. */
export function OrderTicketProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<TicketRequest | null>(null);
  const open = useCallback(
    (instrument: Instrument, side: Side, preset?: TicketPreset) =>
      setRequest((current) => ({ instrument, side, preset, generation: (current?.generation ?? 0) + 1 })),
    [],
  );
  const api = useMemo(() => ({ open }), [open]);
  return (
    <OrderTicketContext.Provider value={api}>
      {children}
      {request ? (
        <OrderTicketDialog
          key={request.generation}
          instrument={request.instrument}
          initialSide={request.side}
          preset={request.preset}
          onClose={() => setRequest(null)}
        />
      ) : null}
    </OrderTicketContext.Provider>
  );
}
