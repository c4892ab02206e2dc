'use client';

import { divRoundPaise, formatRupees, sumPaise, unitsText, type Paise } from '@strikedesk/domain';
import { PnlCell, type ColumnDef } from '@strikedesk/ui';
import type { PositionRow } from './position-row.ts';
import layout from '../shell/layout.module.css';
import styles from './positions.module.css';

const right = { align: 'right' } as const;

/** "130 @ 120.45": today's quantity on one side and its average price (display only). */
function DaySide({ quantity, value, testId }: { quantity: number; value: Paise; testId: string }) {
  return (
    <span className={layout.numeric} data-testid={testId}>
      {unitsText(quantity)}
      {quantity > 0 ? <span className={styles.muted}> @ {formatRupees(divRoundPaise(value, quantity))}</span> : null}
    </span>
  );
}

/** Carried-in quantity, today's buys and sells, and day P&L (change since the previous close). */
export function dayColumns(): ColumnDef<PositionRow>[] {
  return [
    {
      id: 'carried',
      header: 'Carried qty',
      meta: right,
      accessorFn: (row) => row.view.carriedQuantity,
      cell: ({ row }) => (
        <span className={layout.numeric} data-testid={`position-carried-${row.original.key}`}>
          {unitsText(row.original.view.carriedQuantity)}
        </span>
      ),
    },
    {
      id: 'dayBuy',
      header: 'Day buy',
      meta: right,
      accessorFn: (row) => row.view.dayBuyQuantity,
      cell: ({ row }) => <DaySide quantity={row.original.view.dayBuyQuantity} value={row.original.view.dayBuyValue} testId={`position-day-buy-${row.original.key}`} />,
    },
    {
      id: 'daySell',
      header: 'Day sell',
      meta: right,
      accessorFn: (row) => row.view.daySellQuantity,
      cell: ({ row }) => <DaySide quantity={row.original.view.daySellQuantity} value={row.original.view.daySellValue} testId={`position-day-sell-${row.original.key}`} />,
    },
    {
      id: 'dayPnl',
      header: 'Day P&L',
      meta: right,
      accessorFn: (row) => row.view.dayPnl,
      cell: ({ row }) => <PnlCell value={row.original.view.dayPnl} live testId={`position-day-pnl-${row.original.key}`} />,
      footer: ({ table }) => <PnlCell value={sumPaise(table.getCoreRowModel().rows.map((r) => r.original.view.dayPnl))} live testId="positions-total-day-pnl" />,
    },
  ];
}
