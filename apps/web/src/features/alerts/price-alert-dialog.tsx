'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Instrument } from '@strikedesk/domain';
import { CheckboxField, SegmentedControl, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLiveTicks } from '@/lib/live/use-live-ticks.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useTradingAccounts } from '@/lib/queries/use-trading-accounts.ts';
import { accountLabel } from '../brokers/trading-account-text.ts';
import { PriceAlertDialogShell } from './price-alert-dialog-shell.tsx';
import { initialAlertForm, readAlertForm, withAlertLevel, withAlertOrder, withFirstLastPrice, type AlertToSet, type PriceAlertForm } from './price-alert-form.ts';
import { AlertNoteField, AlertPriceField } from './price-alert-level-fields.tsx';
import { conditionWords, OcoLegFields } from './price-alert-oco-fields.tsx';
import { AlertOrderFields } from './price-alert-order-fields.tsx';
import { gttOffered } from './price-alert-order-form.ts';
import { alertSetText } from './price-alert-text.ts';

const CONDITIONS = [
  { value: 'ABOVE', label: 'At or above', testId: 'alert-condition-ABOVE' },
  { value: 'BELOW', label: 'At or below', testId: 'alert-condition-BELOW' },
] as const;

/**
 * "Tell me when it trades at or past this level": a price alert on one instrument — and, for a
 * trader on a tradable instrument, optionally a GTT: an order placed when it fires; and with it
 * optionally an OCO pair: a second level on the other side with its own order, whichever fires
 * first cancelling the other.
 */
export function PriceAlertDialog({ instrument, onClose }: { instrument: Instrument; onClose: () => void }) {
  const { api } = useAuth();
  const { role, accountId } = useSessionUser();
  const offersGtt = gttOffered(role, instrument);
  // Named: a GTT keeps this account even if the terminal is switched to another before it fires.
  const account = useTradingAccounts().data?.find((each) => each.id === accountId);
  const queryClient = useQueryClient();
  const toast = useToast();
  const lastPrice = useLiveTicks([instrument.id]).get(instrument.id)?.lastPrice;
  const [form, setFormState] = useState<PriceAlertForm>(() => initialAlertForm(lastPrice));
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (input: AlertToSet) => api.alerts.create(input),
    onSuccess: (alert, input) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.priceAlerts });
      // The server returns the first leg of a pair: the toast names the second as it was sent.
      toast.show({ kind: 'success', message: alertSetText(alert, instrument.displayName, input.oco) });
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
    if (hasPrice) setFormState((current) => withFirstLastPrice(current, lastPrice));
    // Only the first price: later ticks must not overwrite what the trader sees.
  }, [hasPrice]);
  const ocoShown = offersGtt && form.gtt && form.oco;
  const submit = () => {
    // Read against the price now: it may have moved since the dialog opened.
    // What is hidden is not sent: no order unless the dialog shows the GTT part (nor an OCO leg: readAlertForm).
    const read = readAlertForm(offersGtt ? form : { ...form, gtt: false }, instrument, lastPrice);
    if ('error' in read) return setProblem(read.error);
    setProblem(null);
    create.mutate(read.input);
  };

  return (
    <PriceAlertDialogShell
      title={`Price alert · ${instrument.displayName}`}
      lastPrice={lastPrice}
      intro="You are told once, here and on Telegram when set up under Settings."
      error={problem ?? (create.isError ? errorMessage(create.error) : null)}
      submitLabel={create.isPending ? 'Setting…' : ocoShown ? 'Set OCO' : offersGtt && form.gtt ? 'Set GTT' : 'Set alert'}
      submitDisabled={create.isPending}
      onSubmit={submit}
      onClose={onClose}
    >
      <SegmentedControl label="When the last price is" value={form.condition} options={CONDITIONS} onValueChange={(condition) => setForm({ ...form, condition })} />
      <AlertPriceField value={form.price} onChange={(price) => setForm(withAlertLevel(form, price))} />
      <AlertNoteField value={form.note} onChange={(note) => setForm({ ...form, note })} />
      {offersGtt ? (
        <>
          <CheckboxField
            label="Also place an order when it fires (GTT)"
            hint={`In the ${account ? `${accountLabel(account)} ` : ''}account you are trading on now${account?.kind === 'live' ? ' (live: a real order)' : ''}, once, when the alert fires; the risk limits check it then.`}
            checked={form.gtt}
            onCheckedChange={(gtt) => setForm({ ...form, gtt })}
            data-testid="alert-gtt"
          />
          {form.gtt ? (
            <>
              <AlertOrderFields
                instrument={instrument}
                value={form.order}
                onChange={(change) => setForm(withAlertOrder(form, change))}
                // With two orders on screen, each legend says which level places it.
                legend={ocoShown ? `Order placed when it trades ${conditionWords(form.condition)}` : undefined}
              />
              <CheckboxField
                label="Also a stop-loss / target on the other side (OCO)"
                hint="Whichever level is reached first places its order and cancels the other; cancelling either cancels both."
                checked={form.oco}
                onCheckedChange={(oco) => setForm({ ...form, oco })}
                data-testid="alert-oco"
              />
              {form.oco ? <OcoLegFields instrument={instrument} alertCondition={form.condition} value={form.ocoLeg} onChange={(ocoLeg) => setForm({ ...form, ocoLeg })} /> : null}
            </>
          ) : null}
        </>
      ) : null}
    </PriceAlertDialogShell>
  );
}
