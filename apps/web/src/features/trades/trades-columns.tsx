'use client';

import { instrumentIdParts, quantityLabel, unitsText, type Instrument, type Trade } from '@strikedesk/domain';
import { PriceCell, type ColumnDef } from '@strikedesk/ui';
import { originLabel } from '../orders/order-labels.ts';
import { istOrderTimeText } from '@/lib/format/ist-time.ts';
import layout from '../shell/layout.module.css';

/** A trade with its instrument resolved (rows carry data: the grid caches accessor values per row). */
export type TradeRow = { trade: Trade; instrument: Instrument | undefined };

const right = { align: 'right' } as const;

export function tradesColumns(): ColumnDef<TradeRow>[] {
  return [
    {
      id: 'time',
      header: 'Time (IST)',
      accessorFn: ({ trade }) => trade.executedAt,
      cell: ({ row }) => (
        <time dateTime={new Date(row.original.trade.executedAt).toISOString()} title="IST">
          {istOrderTimeText(row.original.trade.executedAt)}
        </time>
      ),
    },
    {
      id: 'instrument',
      header: 'Instrument',
      accessorFn: ({ trade, instrument }) => instrument?.displayName ?? instrumentIdParts(trade.instrumentId).symbol,
    },
    {
      id: 'side',
      header: 'Side',
      accessorFn: ({ trade }) => trade.side,
      cell: ({ row }) => <span className={row.original.trade.side === 'BUY' ? layout.buy : layout.sell}>{row.original.trade.side}</span>,
    },
    { id: 'product', header: 'Product', accessorFn: ({ trade }) => trade.product },
    {
      id: 'quantity',
      header: 'Qty',
      meta: right,
      accessorFn: ({ trade }) => trade.quantity,
      cell: ({ row }) => (
        <span className={layout.numeric}>{row.original.instrument ? quantityLabel(row.original.trade.quantity, row.original.instrument.lotSize) : unitsText(row.original.trade.quantity)}</span>
      ),
    },
    { id: 'price', header: 'Price', meta: right, accessorFn: ({ trade }) => trade.price, cell: ({ row }) => <PriceCell value={row.original.trade.price} /> },
    { id: 'value', header: 'Value', meta: right, accessorFn: ({ trade }) => trade.value, cell: ({ row }) => <PriceCell value={row.original.trade.value} /> },
    { id: 'tradeId', header: 'Trade ID', accessorFn: ({ trade }) => trade.tradeId },
    { id: 'orderId', header: 'Order ID', accessorFn: ({ trade }) => trade.orderId },
    { id: 'origin', header: 'Origin', accessorFn: ({ trade }) => originLabel(trade.origin) },
  ];
}
