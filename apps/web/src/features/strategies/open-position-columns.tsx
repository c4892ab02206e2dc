'use client';

import type { Instrument, StrategyOpenPosition } from '@strikedesk/domain';
import { PnlCell, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { NO_PRICE_TEXT, openQuantityText } from './performance-text.ts';
import layout from '../shell/layout.module.css';

export type OpenPositionRow = { position: StrategyOpenPosition; instrument: Instrument | undefined };

const right = { align: 'right' } as const;

/** Says "no price yet" where a mark is missing, rather than a dash a trader could read as zero. */
const noPrice = (testId: string) => (
  <span className={layout.muted} data-testid={testId}>
    {NO_PRICE_TEXT}
  </span>
);

/** What the strategy still holds, per instrument: average entry of the open lots (exact paise, rounded for display) and its mark. */
export const openPositionColumns: ColumnDef<OpenPositionRow>[] = [
  { id: 'instrument', header: 'Instrument', accessorFn: ({ position, instrument }) => instrument?.displayName ?? position.instrumentId },
  {
    id: 'quantity',
    header: 'Qty',
    meta: right,
    accessorFn: ({ position }) => position.quantity,
    cell: ({ row }) => (
      <span className={`${layout.numeric} ${row.original.position.quantity > 0 ? layout.buy : layout.sell}`} data-testid={`strategy-open-qty-${row.id}`}>
        {openQuantityText(row.original.position.quantity, row.original.instrument?.lotSize)}
      </span>
    ),
  },
  {
    id: 'average',
    header: 'Avg',
    meta: right,
    accessorFn: ({ position }) => position.averagePrice,
    cell: ({ row }) => <PriceCell value={row.original.position.averagePrice} testId={`strategy-open-average-${row.id}`} />,
  },
  {
    id: 'ltp',
    header: 'LTP',
    meta: right,
    accessorFn: ({ position }) => position.lastPrice ?? Number.NEGATIVE_INFINITY,
    cell: ({ row }) =>
      row.original.position.lastPrice === null ? noPrice(`strategy-open-ltp-${row.id}`) : <PriceCell value={row.original.position.lastPrice} flash testId={`strategy-open-ltp-${row.id}`} />,
  },
  {
    id: 'unrealized',
    header: 'Unrealized P&L',
    meta: right,
    accessorFn: ({ position }) => position.unrealizedPnl ?? Number.NEGATIVE_INFINITY,
    cell: ({ row }) =>
      row.original.position.unrealizedPnl === null ? (
        noPrice(`strategy-open-unrealized-${row.id}`)
      ) : (
        <PnlCell value={row.original.position.unrealizedPnl} live testId={`strategy-open-unrealized-${row.id}`} />
      ),
  },
];
