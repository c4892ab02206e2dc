'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatRupees, lotsLabel, SIDES, type Instrument, type Order, type PlaceOrderInput, type Side } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, SegmentedControl, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { upsertOrder } from '@/lib/queries/orders-cache.ts';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import { useMarketSession } from '@/lib/queries/use-market-session.ts';
import { useActiveHalts } from '@/lib/queries/use-active-halts.ts';
import { ticketHaltNotice } from '../halts/halt-text.ts';
import { buildPlaceOrderInput, newClientOrderId, type OrderFormErrors, type OrderFormValues } from './order-form.ts';
import { orderTypeOptions, productOptions } from './order-type-options.ts';
import { PriceFields } from './price-fields.tsx';
import { LiveQuote } from './live-quote.tsx';
import { placedMessage, sliceHint } from './freeze-slices.ts';
import { refusalText } from './refusal-text.ts';
import { sessionNotice } from './session-notice.ts';
import type { TicketPreset } from './order-ticket-context.tsx';
import { TicketWhatIf } from './ticket-what-if.tsx';
import styles from './order-ticket.module.css';

type OrderTicketDialogProps = { instrument: Instrument; initialSide: Side; preset?: TicketPreset | undefined; onClose: () => void };

const sideOptions = SIDES.map((side) => ({
  value: side,
  label: side,
  tone: side === 'BUY' ? ('buy' as const) : ('sell' as const),
  testId: `ticket-side-${side.toLowerCase()}`,
}));

const REFUSED_STATUSES = new Set<Order['status']>(['DENIED', 'REJECTED']);

export function OrderTicketDialog({ instrument, initialSide, preset, onClose }: OrderTicketDialogProps) {
  const { api } = useAuth();
  const user = useSessionUser();
  const { halts } = useActiveHalts(user.accountId);
  const queryClient = useQueryClient();
  const toast = useToast();
  const tick = useLiveTick(instrument.id);
  const session = useMarketSession();
  const [form, setForm] = useState<OrderFormValues>({
    side: initialSide,
    type: preset?.type ?? 'LIMIT',
    product: 'MIS',
    lots: '1',
    price: preset?.price !== undefined ? formatRupees(preset.price, { grouping: false }) : '',
    triggerPrice: '',
  });
  const [fieldErrors, setFieldErrors] = useState<OrderFormErrors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  // A preset price (clicked in the chain) is the trader's choice: never overwrite it with the LTP.
  const priceTouched = useRef(preset?.price !== undefined);
  // Reused only when the last attempt's outcome is unknown (network failure) and nothing changed.
  const lastAttempt = useRef<{ input: string; clientOrderId: PlaceOrderInput['clientOrderId'] } | null>(null);

  const lastPrice = tick?.lastPrice;
  useEffect(() => {
    // Default the limit price to the LTP once it is known, unless the trader already typed one.
    if (lastPrice !== undefined && !priceTouched.current) {
      setForm((current) => (current.price === '' ? { ...current, price: formatRupees(lastPrice, { grouping: false }) } : current));
    }
  }, [lastPrice]);

  const place = useMutation({
    mutationFn: (input: PlaceOrderInput) => api.orders.place(input),
    onSuccess: (order) => {
      lastAttempt.current = null;
      upsertOrder(queryClient, order);
      if (REFUSED_STATUSES.has(order.status)) {
        // Said once, in the ticket that stays open on it (a sticky error toast repeated it), with who refused.
        setRefusal(refusalText(order));
        return;
      }
      toast.show({ kind: 'success', message: placedMessage(order, instrument) });
      onClose();
    },
    onError: (error) => setRefusal(errorMessage(error)),
  });

  const update = <K extends keyof OrderFormValues>(field: K, value: OrderFormValues[K]) => {
    if (field === 'price') priceTouched.current = true;
    setForm((current) => ({ ...current, [field]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const fingerprint = JSON.stringify(form);
    const reuse = place.error && lastAttempt.current?.input === fingerprint ? lastAttempt.current.clientOrderId : undefined;
    const clientOrderId = reuse ?? newClientOrderId();
    const result = buildPlaceOrderInput(form, instrument, clientOrderId, lastPrice);
    setFieldErrors(result.ok ? {} : result.errors);
    if (!result.ok) return;
    lastAttempt.current = { input: fingerprint, clientOrderId };
    place.mutate(result.value);
  };

  const lots = /^\d+$/.test(form.lots.trim()) ? Number(form.lots.trim()) : null;
  const notice = sessionNotice(session.isError ? undefined : session.data, form.product);
  const haltNotice = ticketHaltNotice(halts);
  const sliceNotice = lots ? sliceHint(lots * instrument.lotSize, instrument) : null;

  return (
    <Dialog open title={`${form.side} ${instrument.displayName}`} onClose={onClose} testId="order-ticket">
      <form className={styles.form} onSubmit={submit} noValidate>
        <div className={styles.instrument}>
          <div>
            <div className={styles.symbol} data-testid="ticket-instrument">
              {instrument.displayName}
            </div>
            <div className={styles.meta}>
              {instrument.id} · Lot size <span data-testid="ticket-lot-size">{instrument.lotSize}</span>
            </div>
          </div>
        </div>
        <LiveQuote instrumentId={instrument.id} testIdPrefix="ticket" />
        <TicketWhatIf instrument={instrument} side={form.side} lots={lots} />
        <div className={styles.row}>
          <SegmentedControl label="Side" value={form.side} options={sideOptions} onValueChange={(side) => update('side', side)} />
          <SegmentedControl label="Product" value={form.product} options={productOptions('ticket')} onValueChange={(product) => update('product', product)} />
        </div>
        {haltNotice ? (
          <p className={styles.notice} role="note" data-testid="ticket-halt-notice">
            {haltNotice}
          </p>
        ) : null}
        {notice ? (
          <p className={styles.notice} role="note" data-testid="ticket-session-notice">
            {notice}
          </p>
        ) : null}
        <SegmentedControl label="Order type" value={form.type} options={orderTypeOptions('ticket')} onValueChange={(type) => update('type', type)} />
        <div className={styles.fields}>
          <PriceFields
            testIdPrefix="ticket"
            type={form.type}
            lots={form.lots}
            price={form.price}
            triggerPrice={form.triggerPrice}
            lotSize={instrument.lotSize}
            tickSize={instrument.tickSize}
            errors={fieldErrors}
            onChange={update}
          />
        </div>
        {sliceNotice ? (
          <p className={styles.notice} role="note" data-testid="ticket-slice-notice">
            {sliceNotice}
          </p>
        ) : null}
        {refusal ? (
          <DialogError testId="ticket-error">
            {refusal}
          </DialogError>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant={form.side === 'BUY' ? 'buy' : 'sell'} disabled={place.isPending} data-testid="ticket-submit">
            {place.isPending ? 'Placing…' : `${form.side} ${lots ? lotsLabel(lots) : ''}`}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
