'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PriceAlert, PriceAlertId } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { useTradingAccounts } from '@/lib/queries/use-trading-accounts.ts';
import { usePriceAlerts } from '@/lib/queries/use-price-alerts.ts';
import { listState } from '../orders/list-state.ts';
import { PriceAlertEditDialog } from './price-alert-edit-dialog.tsx';
import { priceAlertRows } from './price-alert-rows.ts';
import { priceAlertsColumns } from './price-alerts-columns.tsx';
import { ListUnavailable } from '../shell/list-unavailable.tsx';
import layout from '../shell/layout.module.css';

const EMPTY: PriceAlert[] = [];

/** The user's price alerts: what is watched, what fired and when; change or cancel one still watched. */
export function PriceAlertsPanel() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const alerts = usePriceAlerts();
  const list = alerts.data ?? EMPTY;
  const instruments = useInstruments(useMemo(() => list.map((alert) => alert.instrumentId), [list]));
  const cancel = useMutation({
    mutationFn: (alert: PriceAlert) => api.alerts.cancel(alert.id),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: queryKeys.priceAlerts }),
  });
  const [cancelError, setCancelError] = useState<string | null>(null);
  // The alert being edited, by id: the dialog is given the list's latest row, so a fire or a cancel meanwhile shows in it.
  const [editing, setEditing] = useState<PriceAlertId | null>(null);
  const columns = useMemo(
    () =>
      priceAlertsColumns({
        onEdit: (row) => setEditing(row.alert.id),
        onCancel: (alert) => {
          setCancelError(null);
          cancel.mutate(alert, { onError: (error) => setCancelError(errorMessage(error)) });
        },
        cancelling: cancel.isPending ? (cancel.variables?.id ?? null) : null,
      }),
    [cancel],
  );
  const accounts = useTradingAccounts().data;
  const rows = useMemo(() => priceAlertRows(list, instruments, accounts), [list, instruments, accounts]);
  const edited = editing === null ? undefined : rows.find((row) => row.alert.id === editing);
  const state = listState(alerts);

  return (
    <section aria-labelledby="alerts-title" className={layout.stack}>
      <h2 id="alerts-title" className={layout.subtitle}>
        Price alerts
      </h2>
      {cancelError ? (
        <p className={layout.error} role="alert">
          {cancelError}
        </p>
      ) : null}
      {state === 'loading' ? (
        <p className={layout.muted}>Loading alerts…</p>
      ) : state === 'unavailable' ? (
        <ListUnavailable query={alerts} testId="alerts-unavailable">
          The alerts could not be loaded.
        </ListUnavailable>
      ) : (
        <DataGrid
          data={rows}
          columns={columns}
          getRowId={(row) => row.alert.id}
          rowTestId={(row) => `alert-row-${row.alert.id}`}
          ariaLabel="Price alerts"
          emptyMessage="No alerts. Use the bell on a watchlist row to be told when it trades at a price."
          testId="alerts-grid"
        />
      )}
      {edited?.instrument ? (
        <PriceAlertEditDialog alert={edited.alert} instrument={edited.instrument} pair={edited.pair} account={edited.account} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}
