'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Instrument } from '@strikedesk/domain';
import { Button, CheckboxField, Dialog, DIALOG_AUTOFOCUS, DialogError, DialogFooter, PriceCell, SegmentedControl, TextField, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { initialAlertForm, readAlertForm, withAlertLevel, type PriceAlertForm } from './price-alert-form.ts';
import { AlertOrderFields } from './price-alert-order-fields.tsx';
import { gttOffered } from './price-alert-order-form.ts';
import { alertSetText } from './price-alert-text.ts';
import layout from '../shell/layout.module.css';

const CONDITIONS = [
  { value: 'ABOVE', label: 'At or above', testId: 'alert-condition-ABOVE' },
  { value: 'BELOW', label: 'At or below', testId: 'alert-condition-BELOW' },
] as const;

/**
 * "Tell me when it trades at or past this level": a price alert on one instrument — and, for a
 * trader on a tradable instrument, optionally a GTT: an order placed when it fires.
 */
export function PriceAlertDialog({ instrument, onClose }: { instrument: Instrument; onClose: () => void }) {
  const { api } = useAuth();
  const { role } = useSessionUser();
  const offersGtt = gttOffered(role, instrument);
  const queryClient = useQueryClient();
  const toast = useToast();
  const lastPrice = useLiveTicks([instrument.id]).get(instrument.id)?.lastPrice;
  const [form, setFormState] = useState<PriceAlertForm>(() => initialAlertForm(lastPrice));
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: api.alerts.create,
    onSuccess: (alert) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.priceAlerts });
      toast.show({ kind: 'success', message: alertSetText(alert, instrument.displayName) });
      onClose();
    },
  });
  // A refusal is about what was sent: changing the form clears it.
  const setForm = (next: PriceAlertForm) => {
    setFormState(next);
    setProblem(null);
    create.reset();
  };
  // Opened before the first tick arrived: the price is filled in once one does, unless typed already.
  const hasPrice = lastPrice !== undefined;
  useEffect(() => {
    if (hasPrice) setFormState((current) => (current.price === '' ? withAlertLevel(current, initialAlertForm(lastPrice).price) : current));
    // Only the first price: later ticks must not overwrite what the trader sees.
  }, [hasPrice]);
  const submit = () => {
    // Read against the price now: it may have moved since the dialog opened.
    // What is hidden is not sent: no order unless the dialog shows the GTT part.
    const read = readAlertForm(offersGtt ? form : { ...form, gtt: false }, instrument, lastPrice);
    if ('error' in read) return setProblem(read.error);
    setProblem(null);
    create.mutate(read.input);
  };

  return (
    <Dialog open title={`Price alert · ${instrument.displayName}`} onClose={onClose} testId="alert-dialog">
      <form
        className={layout.stack}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p className={layout.muted}>
          Last price <PriceCell value={lastPrice} testId="alert-last-price" />. You are told once, here and on Telegram when set up under Settings.
        </p>
        <SegmentedControl label="When the last price is" value={form.condition} options={CONDITIONS} onValueChange={(condition) => setForm({ ...form, condition })} />
        <TextField label="Price (₹)" inputMode="decimal" value={form.price} onValueChange={(price) => setForm(withAlertLevel(form, price))} data-testid="alert-price" {...DIALOG_AUTOFOCUS} />
        <TextField label="Note (optional)" value={form.note} maxLength={200} onValueChange={(note) => setForm({ ...form, note })} data-testid="alert-note" />
        {offersGtt ? (
          <>
            <CheckboxField
              label="Also place an order when it fires (GTT)"
              hint="In this account, once, when the alert fires; the risk limits check it then."
              checked={form.gtt}
              onCheckedChange={(gtt) => setForm({ ...form, gtt })}
              data-testid="alert-gtt"
            />
            {form.gtt ? <AlertOrderFields instrument={instrument} value={form.order} onChange={(change) => setForm({ ...form, order: { ...form.order, ...change } })} /> : null}
          </>
        ) : null}
        {problem || create.isError ? <DialogError testId="alert-error">{problem ?? errorMessage(create.error)}</DialogError> : null}
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" variant="primary" disabled={create.isPending} data-testid="alert-submit">
            {create.isPending ? 'Setting…' : offersGtt && form.gtt ? 'Set GTT' : 'Set alert'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
