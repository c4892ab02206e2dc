'use client';

import { useMemo } from 'react';
import { divRoundPaise, type Order } from '@strikedesk/domain';
import { DataGrid, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { OrderStatusBadge } from '../orders/order-status-badge.tsx';
import { sliceLabel, sliceTitle } from '../orders/order-labels.ts';
import { reasonTitle } from '../shell/reason-title.ts';
import layout from '../shell/layout.module.css';

type OrderRow = { order: Order; instrument: string };

const columns: ColumnDef<OrderRow>[] = [
  {
    id: 'orderId',
    header: 'Order',
    accessorFn: ({ order }) => order.orderId,
    cell: ({ row }) => (
      <span className={layout.numeric} title={sliceTitle(row.original.order)}>
        {row.original.order.orderId}
        {row.original.order.slice ? ` (${sliceLabel(row.original.order)})` : ''}
      </span>
    ),
  },
  { id: 'instrument', header: 'Instrument', accessorFn: ({ instrument }) => instrument },
  {
    id: 'side',
    header: 'Side',
    accessorFn: ({ order }) => order.side,
    cell: ({ row }) => <span className={row.original.order.side === 'BUY' ? layout.buy : layout.sell}>{row.original.order.side}</span>,
  },
  {
    id: 'quantity',
    header: 'Qty (filled/total)',
    meta: { align: 'right' },
    accessorFn: ({ order }) => order.quantity,
    cell: ({ row }) => (
      <span className={layout.numeric}>
        {row.original.order.filledQuantity}/{row.original.order.quantity}
      </span>
    ),
  },
  {
    id: 'average',
    header: 'Avg fill',
    meta: { align: 'right' },
    accessorFn: ({ order }) => order.filledValue,
    cell: ({ row }) => (
      <PriceCell value={row.original.order.filledQuantity === 0 ? null : divRoundPaise(row.original.order.filledValue, row.original.order.filledQuantity)} />
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: ({ order }) => order.status,
    cell: ({ row }) => <OrderStatusBadge status={row.original.order.status} testId={`signal-order-status-${row.original.order.orderId}`} />,
  },
  {
    id: 'reason',
    header: 'Reason',
    enableSorting: false,
    accessorFn: ({ order }) => order.reasonMessage ?? '',
    cell: ({ row }) => (
      <span className={layout.reason} title={reasonTitle(row.original.order)}>
        {row.original.order.reasonMessage ?? ''}
      </span>
    ),
  },
];

/** The orders the signal placed (one, or its slices above the freeze quantity) as they stand now. */
export function SignalOrders({ orders }: { orders: readonly Order[] }) {
  const instruments = useInstruments(useMemo(() => orders.map((order) => order.instrumentId), [orders]));
  const rows = useMemo(
    () => orders.map((order) => ({ order, instrument: instruments.get(order.instrumentId)?.displayName ?? order.instrumentId })),
    [orders, instruments],
  );
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => row.order.orderId}
      rowTestId={(row) => `signal-order-${row.order.orderId}`}
      ariaLabel="Orders of this signal"
      emptyMessage="This signal placed no order."
      testId="signal-orders"
    />
  );
}
