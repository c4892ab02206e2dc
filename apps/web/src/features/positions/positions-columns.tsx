'use client';

import { sumPaise, type Paise } from '@strikedesk/domain';
import { PnlCell, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { lotsLabel } from '../order-ticket/lots-label.ts';
import type { PositionRow } from './position-row.ts';
import styles from './positions.module.css';

const right = { align: 'right' } as const;

const total = (rows: readonly PositionRow[], pick: (row: PositionRow) => Paise): Paise => sumPaise(rows.map(pick));

export function positionsColumns(): ColumnDef<PositionRow>[] {
  return [
    {
      id: 'instrument',
      header: 'Instrument',
      accessorFn: (row) => row.instrument?.displayName ?? row.view.instrumentId,
      cell: ({ getValue }) => <span className={styles.symbol}>{String(getValue())}</span>,
      footer: () => 'Total',
    },
    { id: 'product', header: 'Product', accessorFn: (row) => row.view.product },
    {
      id: 'netQuantity',
      header: 'Net qty',
      meta: right,
      accessorFn: (row) => row.view.netQuantity,
      cell: ({ row }) => {
        const lotSize = row.original.instrument?.lotSize;
        const quantity = row.original.view.netQuantity;
        return (
          <span className={styles.numeric} data-testid={`position-qty-${row.original.key}`}>
            {quantity}
            {lotSize ? <span className={styles.muted}> ({lotsLabel(quantity / lotSize)})</span> : null}
          </span>
        );
      },
    },
    {
      id: 'average',
      header: 'Avg price',
      meta: right,
      accessorFn: (row) => row.averagePrice ?? 0,
      cell: ({ row }) => <PriceCell value={row.original.averagePrice} testId={`position-average-${row.original.key}`} />,
    },
    {
      id: 'ltp',
      header: 'LTP',
      meta: right,
      accessorFn: (row) => row.view.lastPrice ?? 0,
      cell: ({ row }) => <PriceCell value={row.original.view.lastPrice} flash testId={`position-ltp-${row.original.key}`} />,
    },
    {
      id: 'realized',
      header: 'Realized P&L',
      meta: right,
      accessorFn: (row) => row.view.realizedPnl,
      cell: ({ row }) => <PnlCell value={row.original.view.realizedPnl} testId={`position-realized-${row.original.key}`} />,
      footer: ({ table }) => (
        <PnlCell value={total(table.getCoreRowModel().rows.map((r) => r.original), (r) => r.view.realizedPnl)} testId="positions-total-realized" />
      ),
    },
    {
      id: 'unrealized',
      header: 'Unrealized P&L',
      meta: right,
      accessorFn: (row) => row.view.unrealizedPnl,
      cell: ({ row }) => <PnlCell value={row.original.view.unrealizedPnl} testId={`position-unrealized-${row.original.key}`} />,
      footer: ({ table }) => (
        <PnlCell
          value={total(table.getCoreRowModel().rows.map((r) => r.original), (r) => r.view.unrealizedPnl)}
          testId="positions-total-unrealized"
        />
      ),
    },
    {
      id: 'total',
      header: 'Total P&L',
      meta: right,
      accessorFn: (row) => row.totalPnl,
      cell: ({ row }) => <PnlCell value={row.original.totalPnl} testId={`position-total-${row.original.key}`} />,
      footer: ({ table }) => (
        <PnlCell value={total(table.getCoreRowModel().rows.map((r) => r.original), (r) => r.totalPnl)} testId="positions-total" />
      ),
    },
  ];
}
