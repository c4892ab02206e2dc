'use client';

import type { Signal } from '@strikedesk/domain';
import { IntegerCell, type ColumnDef } from '@strikedesk/ui';
import { SignalStatusBadge } from './signal-status-badge.tsx';
import { istClockText } from './signal-text.ts';
import { reasonTitle } from '../shell/reason-title.ts';
import layout from '../shell/layout.module.css';

const right = { align: 'right' } as const;

export const signalsColumns: ColumnDef<Signal>[] = [
  {
    id: 'received',
    header: 'Received (IST)',
    // Ids rise with arrival: a stable order even for alerts within one millisecond.
    accessorFn: (signal) => Number(signal.id),
    cell: ({ row }) => (
      <time dateTime={new Date(row.original.receivedAt).toISOString()} className={layout.numeric}>
        {istClockText(row.original.receivedAt)}
      </time>
    ),
  },
  { id: 'strategy', header: 'Strategy', accessorFn: (signal) => signal.strategyName },
  {
    id: 'action',
    header: 'Action',
    accessorFn: (signal) => signal.action ?? '',
    cell: ({ row }) => {
      const action = row.original.action;
      return <span className={action === 'BUY' ? layout.buy : action === 'SELL' ? layout.sell : undefined}>{action ?? '—'}</span>;
    },
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (signal) => signal.status,
    cell: ({ row }) => <SignalStatusBadge status={row.original.status} testId={`signal-status-${row.original.id}`} />,
  },
  {
    id: 'reason',
    header: 'Reason',
    enableSorting: false,
    accessorFn: (signal) => signal.reasonMessage ?? '',
    cell: ({ row }) => (
      <span className={layout.reason} title={reasonTitle(row.original)} data-testid={`signal-reason-${row.original.id}`}>
        {row.original.reasonMessage ?? ''}
      </span>
    ),
  },
  {
    id: 'duplicates',
    header: 'Repeats',
    meta: right,
    accessorFn: (signal) => signal.duplicates,
    cell: ({ row }) => <IntegerCell value={row.original.duplicates} testId={`signal-duplicates-${row.original.id}`} />,
  },
  {
    id: 'orders',
    header: 'Orders',
    enableSorting: false,
    accessorFn: (signal) => signal.orderIds.join(', '),
    cell: ({ row }) => (
      <span className={layout.numeric} data-testid={`signal-orders-${row.original.id}`}>
        {row.original.orderIds.join(', ')}
      </span>
    ),
  },
];
