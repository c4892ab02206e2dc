'use client';

import { divRoundPaise, type ClosedTrade, type Instrument } from '@strikedesk/domain';
import { IntegerCell, PnlCell, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { istClockText } from '../signals/signal-text.ts';
import layout from '../shell/layout.module.css';

export type TradeRow = { id: string; trade: ClosedTrade; instrument: Instrument | undefined };

const right = { align: 'right' } as const;

/** A closed round trip of the strategy's virtual book: averages are exact (integer paise). */
export const tradesColumns: ColumnDef<TradeRow>[] = [
  {
    id: 'closedAt',
    header: 'Closed (IST)',
    accessorFn: ({ trade }) => trade.closedAt,
    cell: ({ row }) => istClockText(row.original.trade.closedAt),
  },
  { id: 'instrument', header: 'Instrument', accessorFn: ({ trade, instrument }) => instrument?.displayName ?? trade.instrumentId },
  {
    id: 'direction',
    header: 'Direction',
    accessorFn: ({ trade }) => trade.direction,
    // A long trade opened with a buy, a short one with a sell: they take those colours.
    cell: ({ row }) => <span className={row.original.trade.direction === 'LONG' ? layout.buy : layout.sell}>{row.original.trade.direction}</span>,
  },
  { id: 'quantity', header: 'Qty', meta: right, accessorFn: ({ trade }) => trade.quantity, cell: ({ row }) => <IntegerCell value={row.original.trade.quantity} /> },
  {
    id: 'entry',
    header: 'Avg entry',
    meta: right,
    accessorFn: ({ trade }) => trade.entryValue / trade.quantity,
    cell: ({ row }) => <PriceCell value={divRoundPaise(row.original.trade.entryValue, row.original.trade.quantity)} />,
  },
  {
    id: 'exit',
    header: 'Avg exit',
    meta: right,
    accessorFn: ({ trade }) => trade.exitValue / trade.quantity,
    cell: ({ row }) => <PriceCell value={divRoundPaise(row.original.trade.exitValue, row.original.trade.quantity)} />,
  },
  {
    id: 'pnl',
    header: 'P&L',
    meta: right,
    accessorFn: ({ trade }) => trade.pnl,
    cell: ({ row }) => <PnlCell value={row.original.trade.pnl} testId={`strategy-trade-pnl-${row.original.id}`} />,
  },
];
