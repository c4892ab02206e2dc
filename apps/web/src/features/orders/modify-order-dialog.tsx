'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatRupees, type Instrument, type ModifyOrderInput, type Order } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, SegmentedControl, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { upsertOrder } from '@/lib/queries/orders-cache.ts';
import { buildModifyOrderInput, needsTrigger, type ModifyFormValues } from '../order-ticket/order-form.ts';
import { useLiveTick } from '@/lib/live/use-live-ticks.ts';
import { orderTypeOptions } from '../order-ticket/order-type-options.ts';
import { PriceFields } from '../order-ticket/price-fields.tsx';
import { LiveQuote } from '../order-ticket/live-quote.tsx';
import { canModifyOrder } from './order-actions.ts';
import { modifyFormErrors, type ModifyFormErrors } from './modify-checks.ts';
import { modifyOutcome } from './modify-outcome.ts';
import layout from '../shell/layout.module.css';
import styles from './orders.module.css';

type ModifyOrderDialogProps = { order: Order; instrument: Instrument; onClose: () => void };

const priceText = (value: Order['price']): string => (value === null ? '' : formatRupees(value, { grouping: false }));

export function ModifyOrderDialog({ order, instrument, onClose }: ModifyOrderDialogProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tick = useLiveTick(instrument.id);
  const [form, setForm] = useState<ModifyFormValues>({
    type: order.type,
    lots: String(order.quantity / instrument.lotSize),
    price: priceText(order.price),
    triggerPrice: priceText(order.triggerPrice),
  });
  const [fieldErrors, setFieldErrors] = useState<ModifyFormErrors>({});
  // The broker's refusal of the last modify: the dialog stays open on it, so the trader can adjust.
  const [refusal, setRefusal] = useState<string | null>(null);

  const modify = useMutation({
    mutationFn: (input: ModifyOrderInput) => api.orders.modify(input),
    onSuccess: (updated, asked) => {
      upsertOrder(queryClient, updated);
      const outcome = modifyOutcome(updated, asked);
      if (outcome.kind === 'error') {
        setRefusal(outcome.message);
        return;
      }
      toast.show(outcome);
      onClose();
    },
  });

  // The dialog follows the live order: one that filled or was cancelled meanwhile can no longer be modified.
  const finished = !canModifyOrder(order) && !modify.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (finished || modify.isPending) return;
    // A stop still waiting for its trigger (or an order being turned into one) must not be given a
    // trigger the market has already crossed; a triggered stop's trigger no longer matters.
    const checksTrigger = order.status === 'TRIGGER_PENDING' || !needsTrigger(order.type);
    const result = buildModifyOrderInput(order.orderId, form, {
      side: order.side,
      lotSize: instrument.lotSize,
      tickSize: instrument.tickSize,
      lastPrice: checksTrigger ? tick?.lastPrice : undefined,
    });
    const errors: ModifyFormErrors | null = result.ok ? modifyFormErrors(order, result.value, instrument.lotSize) : result.errors;
    setFieldErrors(errors ?? {});
    setRefusal(null);
    if (result.ok && errors === null) modify.mutate(result.value);
  };

  return (
    <Dialog open title={`Modify ${order.side} ${instrument.displayName}`} onClose={onClose} testId="modify-dialog">
      <form className={layout.stack} onSubmit={submit} noValidate>
        <LiveQuote instrumentId={instrument.id} testIdPrefix="modify" />
        <SegmentedControl
          label="Order type"
          value={form.type}
          options={orderTypeOptions('modify')}
          onValueChange={(type) => setForm((current) => ({ ...current, type }))}
        />
        <div className={styles.fields}>
          <PriceFields
            testIdPrefix="modify"
            focus="price"
            type={form.type}
            lots={form.lots}
            price={form.price}
            triggerPrice={form.triggerPrice}
            lotSize={instrument.lotSize}
            tickSize={instrument.tickSize}
            errors={fieldErrors}
            onChange={(field, value) => setForm((current) => ({ ...current, [field]: value }))}
          />
        </div>
        {finished ? (
          <p role="status" data-testid="modify-no-longer">
            The order is now {order.status.replaceAll('_', ' ').toLowerCase()}: it can no longer be modified.
          </p>
        ) : null}
        {fieldErrors.form ? (
          <p role="status" data-testid="modify-unchanged">
            {fieldErrors.form}
          </p>
        ) : null}
        {modify.isError || refusal ? (
          <DialogError testId="modify-error">
            {modify.isError ? errorMessage(modify.error) : refusal}
          </DialogError>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="primary" disabled={modify.isPending || finished} data-testid="modify-submit">
            {modify.isPending ? 'Modifying…' : 'Modify order'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
