'use client';

import { divRoundPaise, unitsText, type Instrument, type Order } from '@strikedesk/domain';
import { Button, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { ORDER_TYPE_LABELS } from '../order-ticket/order-form.ts';
import { OrderStatusBadge } from './order-status-badge.tsx';
import { canCancelOrder, canModifyOrder } from './order-actions.ts';
import { orderActionLabel, originLabel, riskLimitsLabel, riskLimitsTitle, sliceLabel, sliceTitle } from './order-labels.ts';
import { reasonTitle } from '../shell/reason-title.ts';
import { istOrderTimeText } from '@/lib/format/ist-time.ts';
import layout from '../shell/layout.module.css';
import styles from './orders.module.css';

/** An order with its instrument resolved (rows, not column closures, carry data: tanstack caches accessor values per row). */
export type OrderRow = { order: Order; instrument: Instrument | undefined };

type OrdersColumnsOptions = {
  canTrade: boolean;
  onModify: (order: Order) => void;
  onCancel: (order: Order) => void;
  onHistory: (order: Order) => void;
};

const right = { align: 'right' } as const;

export function ordersColumns({ canTrade, onModify, onCancel, onHistory }: OrdersColumnsOptions): ColumnDef<OrderRow>[] {
  return [
    // First, as on Positions: Modify / Cancel must not sit past the grid's sideways scroll.
    {
      id: 'actions',
      header: () => <span className="sd-visually-hidden">Actions</span>,
      enableSorting: false,
      cell: ({ row }) => {
        const { order, instrument } = row.original;
        // Every row has the same three buttons: their accessible names say which order each acts on.
        const name = instrument?.displayName ?? order.instrumentId;
        return (
          <span className={styles.actions}>
            {/* History first: it is on every row, so it lines up whatever else a row offers. */}
            <Button size="small" onClick={() => onHistory(order)} aria-label={orderActionLabel('History', order, name)} data-testid={`order-history-${order.orderId}`}>
              History
            </Button>
            {canTrade && canModifyOrder(order) ? (
              <Button size="small" onClick={() => onModify(order)} aria-label={orderActionLabel('Modify', order, name)} data-testid={`order-modify-${order.orderId}`}>
                Modify
              </Button>
            ) : null}
            {canTrade && canCancelOrder(order) ? (
              <Button size="small" variant="danger" onClick={() => onCancel(order)} aria-label={orderActionLabel('Cancel', order, name)} data-testid={`order-cancel-${order.orderId}`}>
                Cancel
              </Button>
            ) : null}
          </span>
        );
      },
    },
    {
      id: 'time',
      header: 'Time (IST)',
      // Slices of one order share its time: break the tie by slice so "1/3, 2/3, 3/3" read in order (newest first puts 1/3 on top).
      accessorFn: ({ order }) => order.createdAt * 1_000 + (order.slice ? 999 - order.slice.index : 0),
      cell: ({ row }) => (
        <time dateTime={new Date(row.original.order.createdAt).toISOString()} title="IST" data-testid={`order-time-${row.original.order.orderId}`}>
          {istOrderTimeText(row.original.order.createdAt)}
        </time>
      ),
    },
    {
      id: 'symbol',
      header: 'Instrument',
      accessorFn: ({ order, instrument }) => instrument?.displayName ?? order.instrumentId,
      cell: ({ getValue }) => <span className={styles.symbol}>{String(getValue())}</span>,
    },
    {
      id: 'side',
      header: 'Side',
      accessorFn: ({ order }) => order.side,
      cell: ({ row }) => <span className={row.original.order.side === 'BUY' ? layout.buy : layout.sell}>{row.original.order.side}</span>,
    },
    { id: 'type', header: 'Type', accessorFn: ({ order }) => ORDER_TYPE_LABELS[order.type] },
    { id: 'product', header: 'Product', accessorFn: ({ order }) => order.product },
    {
      id: 'quantity',
      header: 'Qty (filled/total)',
      meta: right,
      accessorFn: ({ order }) => order.quantity,
      cell: ({ row }) => (
        <span className={layout.numeric} data-testid={`order-qty-${row.original.order.orderId}`}>
          {unitsText(row.original.order.filledQuantity)}/{unitsText(row.original.order.quantity)}
        </span>
      ),
    },
    {
      id: 'slice',
      header: 'Slice',
      // Slices of one order sort together, in order.
      accessorFn: ({ order }) => (order.slice ? `${order.slice.parentClientOrderId}|${String(order.slice.index).padStart(4, '0')}` : ''),
      cell: ({ row }) => (
        <span className={layout.numeric} title={sliceTitle(row.original.order)} data-testid={`order-slice-${row.original.order.orderId}`}>
          {sliceLabel(row.original.order)}
        </span>
      ),
    },
    {
      id: 'price',
      header: 'Price',
      meta: right,
      accessorFn: ({ order }) => order.price ?? 0,
      cell: ({ row }) => <PriceCell value={row.original.order.price} testId={`order-price-${row.original.order.orderId}`} />,
    },
    {
      id: 'trigger',
      header: 'Trigger',
      meta: right,
      accessorFn: ({ order }) => order.triggerPrice ?? 0,
      cell: ({ row }) => <PriceCell value={row.original.order.triggerPrice} />,
    },
    {
      id: 'average',
      header: 'Avg fill',
      meta: right,
      accessorFn: ({ order }) => (order.filledQuantity === 0 ? 0 : order.filledValue / order.filledQuantity),
      cell: ({ row }) => (
        <PriceCell
          value={row.original.order.filledQuantity === 0 ? null : divRoundPaise(row.original.order.filledValue, row.original.order.filledQuantity)}
          testId={`order-average-${row.original.order.orderId}`}
        />
      ),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: ({ order }) => order.status,
      cell: ({ row }) => <OrderStatusBadge status={row.original.order.status} testId={`order-status-${row.original.order.orderId}`} />,
    },
    {
      id: 'origin',
      header: 'Origin',
      accessorFn: ({ order }) => originLabel(order.origin),
      cell: ({ row }) => <span data-testid={`order-origin-${row.original.order.orderId}`}>{originLabel(row.original.order.origin)}</span>,
    },
    {
      id: 'reason',
      header: 'Reason',
      enableSorting: false,
      accessorFn: ({ order }) => order.reasonMessage ?? '',
      cell: ({ row }) => (
        <span className={layout.reason} title={reasonTitle(row.original.order)} data-testid={`order-reason-${row.original.order.orderId}`}>
          {row.original.order.reasonMessage ?? ''}
        </span>
      ),
    },
    {
      id: 'riskLimits',
      header: 'Risk limits',
      meta: right,
      // Which version of the account's risk limits passed or refused it: an admin may have changed them since.
      accessorFn: ({ order }) => order.riskLimitsVersion ?? -1,
      cell: ({ row }) => (
        <span className={layout.numeric} title={riskLimitsTitle(row.original.order)} data-testid={`order-risk-limits-${row.original.order.orderId}`}>
          {riskLimitsLabel(row.original.order)}
        </span>
      ),
    },
  ];
}
