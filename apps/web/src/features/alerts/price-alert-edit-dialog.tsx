'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Instrument, ModifyPriceAlertInput, PriceAlert } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { PriceAlertDialogShell } from './price-alert-dialog-shell.tsx';
import { initialAlertEditForm, readAlertEdit, withEditedLevel, withEditedOrder, type AlertEditForm } from './price-alert-edit-form.ts';
import { AlertNoteField, AlertPriceField } from './price-alert-level-fields.tsx';
import { conditionWords } from './price-alert-oco-fields.tsx';
import { AlertOrderFields } from './price-alert-order-fields.tsx';
import { alertChangedText, alertListStatusText, alertPairText } from './price-alert-text.ts';
import layout from '../shell/layout.module.css';

type PriceAlertEditDialogProps = {
  /** The alert as listed now: the panel passes the list's latest, so one that fired meanwhile shows it. */
  alert: PriceAlert;
  instrument: Instrument;
  /** For a leg of an OCO pair, the other leg when listed. */
  pair: PriceAlert | undefined;
  /** A GTT's account, named when the trader has more than one (price-alert-rows.ts). */
  account: string | undefined;
  onClose: () => void;
};

/**
 * Changes an active alert in place — a trailed stop-loss, a moved target, a new note: its level,
 * note and a GTT's order. The condition and the kind stay (no GTT or OCO boxes: a GTT stays a GTT, a
 * plain alert plain); to watch the other side, a new alert is set. Only what changed is sent.
 */
export function PriceAlertEditDialog({ alert, instrument, pair, account, onClose }: PriceAlertEditDialogProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const lastPrice = useLiveTicks([instrument.id]).get(instrument.id)?.lastPrice;
  // Opened once on the alert as it was: a later refresh of the list must not overwrite what is typed.
  const [form, setFormState] = useState<AlertEditForm>(() => initialAlertEditForm(alert, instrument));
  const [problem, setProblem] = useState<string | null>(null);
  const modify = useMutation({
    mutationFn: (input: ModifyPriceAlertInput) => api.alerts.modify(input),
    // Refused too: a PRICE_ALERT_NOT_ACTIVE means the list is behind — read again, the dialog then says it ended.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.priceAlerts }),
    onSuccess: (updated) => {
      toast.show({ kind: 'success', message: alertChangedText(updated, instrument.displayName) });
      onClose();
    },
  });
  // A refusal is about what was sent: changing the form clears it.
  const setForm = (next: AlertEditForm) => {
    setFormState(next);
    setProblem(null);
    modify.reset();
  };
  // Fired, cancelled or expired since the dialog opened (the list follows pushes): nothing left to change.
  const ended = alert.status !== 'ACTIVE' && !modify.isPending;
  const submit = () => {
    if (ended || modify.isPending) return;
    // Read against the alert as listed now and the price now: either may have moved since it opened.
    const read = readAlertEdit(form, alert, instrument, lastPrice, pair);
    if ('error' in read) return setProblem(read.error);
    setProblem(null);
    modify.mutate(read.input);
  };
  const pairText = alertPairText(alert, pair);
  const side = alert.condition === 'ABOVE' ? 'above' : 'below';

  return (
    <PriceAlertDialogShell
      title={`${alert.order === null ? 'Edit price alert' : 'Edit GTT'} · ${instrument.displayName}`}
      lastPrice={lastPrice}
      error={problem ?? (modify.isError ? errorMessage(modify.error) : null)}
      submitLabel={modify.isPending ? 'Saving…' : 'Save'}
      submitDisabled={modify.isPending || ended}
      onSubmit={submit}
      onClose={onClose}
    >
      <p className={layout.muted}>
        Fires when the last price is <strong>{conditionWords(alert.condition)}</strong> the level. The side stays as set: to watch the other side, set a new alert.
      </p>
      <AlertPriceField value={form.price} onChange={(price) => setForm(withEditedLevel(form, price))} />
      {/* A leg of an OCO pair: the other leg's level bounds this one's (readAlertEdit checks it when listed). */}
      {pairText ? (
        <p className={layout.muted}>
          {pairText}. This level must stay {side} the other leg&apos;s, which is changed on its own row.
        </p>
      ) : null}
      <AlertNoteField value={form.note} onChange={(note) => setForm({ ...form, note })} />
      {form.order ? (
        <AlertOrderFields
          instrument={instrument}
          value={form.order}
          onChange={(change) => setForm(withEditedOrder(form, change))}
          // The order goes to the account the GTT was set in, which the terminal may since have left.
          legend={account ? `Order placed when it fires, in ${account}` : undefined}
        />
      ) : null}
      {ended ? (
        <p role="status" className={layout.muted}>
          The alert is no longer watched ({alertListStatusText(alert, pair).toLowerCase()}): it can no longer be changed.
        </p>
      ) : null}
    </PriceAlertDialogShell>
  );
}
