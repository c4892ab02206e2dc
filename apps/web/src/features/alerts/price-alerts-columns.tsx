'use client';

import { instrumentIdParts, type Instrument, type PriceAlert } from '@strikedesk/domain';
import { Button, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { istOrderTimeText } from '@/lib/format/ist-time.ts';
import { alertOrderCell, alertStatusText } from './price-alert-text.ts';
import styles from './price-alerts.module.css';

/** An alert with its instrument resolved (rows carry data: the grid caches accessor values per row). */
export type PriceAlertRow = { alert: PriceAlert; instrument: Instrument | undefined };

const right = { align: 'right' } as const;

export function priceAlertsColumns(onCancel: (alert: PriceAlert) => void, cancelling: string | null): ColumnDef<PriceAlertRow>[] {
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
      accessorFn: ({ alert }) => alertStatusText(alert),
      cell: ({ row }) => <span data-testid={`alert-status-${row.original.alert.id}`}>{alertStatusText(row.original.alert)}</span>,
    },
    {
      // A GTT's order and, once fired, what became of it; empty for a plain alert.
      id: 'order',
      header: 'Order (GTT)',
      enableSorting: false,
      accessorFn: ({ alert }) => {
        const cell = alertOrderCell(alert);
        return cell ? `${cell.order}${cell.outcome ? `: ${cell.outcome}` : ''}` : '';
      },
      cell: ({ row }) => {
        const cell = alertOrderCell(row.original.alert);
        return (
          <span className={styles.orderCell} data-testid={`alert-order-${row.original.alert.id}`}>
            {cell ? (
              <>
                <span>{cell.order}</span>
                {cell.outcome ? (
                  <span className={cell.failed ? styles.failed : styles.outcome} title={cell.outcome}>
                    {cell.outcome}
                  </span>
                ) : null}
              </>
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
      cell: ({ row }) =>
        row.original.alert.status === 'ACTIVE' ? (
          <Button
            size="small"
            onClick={() => onCancel(row.original.alert)}
            disabled={cancelling === row.original.alert.id}
            aria-label={`Cancel the alert on ${row.original.instrument?.displayName ?? row.original.alert.instrumentId}`}
            data-testid={`alert-cancel-${row.original.alert.id}`}
          >
            Cancel
          </Button>
        ) : null,
    },
  ];
}
