'use client';

import { instrumentIdParts, type PriceAlert } from '@strikedesk/domain';
import { Button, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { istOrderTimeText } from '@/lib/format/ist-time.ts';
import type { PriceAlertRow } from './price-alert-rows.ts';
import { alertListStatusText, alertOrderCell, alertPairText } from './price-alert-text.ts';
import styles from './price-alerts.module.css';

const right = { align: 'right' } as const;

/**
 * What an active row's buttons do: Edit opens the alert's dialog on it (once its instrument is
 * known: the order's lots and tick are the instrument's); Cancel cancels it — `cancelling`, the id
 * of the alert a cancel is on its way for.
 */
export type PriceAlertActions = { onEdit: (row: PriceAlertRow) => void; onCancel: (alert: PriceAlert) => void; cancelling: string | null };

export function priceAlertsColumns({ onEdit, onCancel, cancelling }: PriceAlertActions): ColumnDef<PriceAlertRow>[] {
  return [
    {
      id: 'instrument',
      header: 'Instrument',
      accessorFn: ({ alert, instrument }) => instrument?.displayName ?? instrumentIdParts(alert.instrumentId).symbol,
    },
    { id: 'condition', header: 'When', accessorFn: ({ alert }) => (alert.condition === 'ABOVE' ? 'At or above' : 'At or below') },
    { id: 'price', header: 'Price', meta: right, accessorFn: ({ alert }) => alert.price, cell: ({ row }) => <PriceCell value={row.original.alert.price} /> },
    {
      id: 'status',
      header: 'Status',
      accessorFn: ({ alert, pair }) => alertListStatusText(alert, pair),
      cell: ({ row }) => <span data-testid={`alert-status-${row.original.alert.id}`}>{alertListStatusText(row.original.alert, row.original.pair)}</span>,
    },
    {
      // A GTT's order and, once fired, what became of it — and for a leg of an OCO pair, the other leg's level; empty for a plain alert.
      id: 'order',
      header: 'Order (GTT)',
      enableSorting: false,
      accessorFn: ({ alert, pair, account }) => {
        const cell = alertOrderCell(alert);
        const pairText = alertPairText(alert, pair);
        const order = cell ? `${account ? `${account}: ` : ''}${cell.order}${cell.outcome ? `: ${cell.outcome}` : ''}` : null;
        return [order, pairText].filter((part) => part !== null).join('; ');
      },
      cell: ({ row }) => {
        const cell = alertOrderCell(row.original.alert);
        const pairText = alertPairText(row.original.alert, row.original.pair);
        return (
          <span className={styles.orderCell} data-testid={`alert-order-${row.original.alert.id}`}>
            {cell ? (
              <>
                <span>{row.original.account ? `${row.original.account}: ${cell.order}` : cell.order}</span>
                {cell.outcome ? (
                  <span className={cell.failed ? styles.failed : styles.outcome} title={cell.outcome}>
                    {cell.outcome}
                  </span>
                ) : null}
              </>
            ) : null}
            {pairText ? (
              <span className={styles.pair} data-testid={`alert-pair-${row.original.alert.id}`}>
                {pairText}
              </span>
            ) : null}
          </span>
        );
      },
    },
    { id: 'note', header: 'Note', enableSorting: false, accessorFn: ({ alert }) => alert.note },
    {
      id: 'created',
      header: 'Set (IST)',
      accessorFn: ({ alert }) => alert.createdAt,
      cell: ({ row }) => istOrderTimeText(row.original.alert.createdAt),
    },
    {
      id: 'actions',
      header: () => <span className="sd-visually-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => {
        const { alert, instrument } = row.original;
        if (alert.status !== 'ACTIVE') return null;
        const name = instrument?.displayName ?? alert.instrumentId;
        // Either leg's cancel is the pair's: both wait for it.
        const beingCancelled = cancelling !== null && (cancelling === alert.id || cancelling === alert.ocoWith);
        return (
          <span className={styles.actions}>
            <Button
              size="small"
              onClick={() => onEdit(row.original)}
              disabled={instrument === undefined || beingCancelled}
              aria-label={`Edit the alert on ${name}`}
              data-testid={`alert-edit-${alert.id}`}
            >
              Edit
            </Button>
            <Button
              size="small"
              onClick={() => onCancel(alert)}
              disabled={beingCancelled}
              aria-label={`Cancel the alert on ${name}`}
              // The server cancels both legs of a pair: the button says so before it is pressed.
              title={alert.ocoWith === null ? undefined : 'Cancels both legs of the OCO pair'}
              data-testid={`alert-cancel-${alert.id}`}
            >
              Cancel
            </Button>
          </span>
        );
      },
    },
  ];
}
