'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Instrument, Side } from '@strikedesk/domain';
import { OrderTicketDialog } from './order-ticket-dialog.tsx';

type OrderTicketApi = { open: (instrument: Instrument, side: Side) => void };

const OrderTicketContext = createContext<OrderTicketApi | null>(null);

export function useOrderTicket(): OrderTicketApi {
  const api = useContext(OrderTicketContext);
  if (!api) throw new Error('useOrderTicket must be used inside <OrderTicketProvider>');
  return api;
}

type TicketRequest = { instrument: Instrument; side: Side; generation: number };

/** One ticket for the whole terminal; opening it again starts a fresh form. */
export function OrderTicketProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<TicketRequest | null>(null);
  const open = useCallback(
    (instrument: Instrument, side: Side) =>
      setRequest((current) => ({ instrument, side, generation: (current?.generation ?? 0) + 1 })),
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
          onClose={() => setRequest(null)}
        />
      ) : null}
    </OrderTicketContext.Provider>
  );
}
