'use client';

import { paise, type PortfolioLive } from '@strikedesk/domain';
import { PnlCell, PriceCell, type ColumnDef } from '@strikedesk/ui';
import layout from '../shell/layout.module.css';

export type LiveLegRow = PortfolioLive['legs'][number] & { name: string };

const right = { align: 'right' } as const;

/** A portfolio's own positions as the engine marks them (its book, not the account's net). */
export const liveLegsColumns: ColumnDef<LiveLegRow>[] = [
  { id: 'instrument', header: 'Instrument', accessorFn: (row) => row.name },
  {
    id: 'netQuantity',
    header: 'Net qty',
    meta: right,
    accessorFn: (row) => row.netQuantity,
    cell: ({ row }) => (
      <span className={layout.numeric} data-testid={`live-qty-${row.original.instrumentId}`}>
        {row.original.netQuantity === 0 ? 'flat' : row.original.netQuantity}
      </span>
    ),
  },
  { id: 'average', header: 'Avg', meta: right, accessorFn: (row) => row.averagePrice ?? 0, cell: ({ row }) => <PriceCell value={row.original.averagePrice} /> },
  { id: 'ltp', header: 'LTP', meta: right, accessorFn: (row) => row.lastPrice ?? 0, cell: ({ row }) => <PriceCell value={row.original.lastPrice} live /> },
  {
    id: 'pnl',
    header: 'P&L',
    meta: right,
    accessorFn: (row) => row.pnl,
    cell: ({ row }) => <PnlCell value={paise(row.original.pnl)} live testId={`live-pnl-${row.original.instrumentId}`} />,
  },
];
