'use client';

import { sumPaise, unitsText, type Paise } from '@strikedesk/domain';
import { Button, PnlCell, PriceCell, useStaleMarks, type ColumnDef } from '@strikedesk/ui';
import { formatIv } from '../option-chain/chain-view.ts';
import { formatDeltaLots, formatGreekRupees } from './greeks-format.ts';
import { bookNameOf, type PositionRow } from './position-row.ts';
import { dayColumns } from './positions-day-columns.tsx';
import { lotsText } from './square-off-text.ts';
import layout from '../shell/layout.module.css';
import styles from './positions.module.css';

const right = { align: 'right' } as const;

type GreekColumn = { id: string; header: string; pick: (row: PositionRow) => number | null | undefined; format: (value: number | null | undefined) => string };

const GREEK_COLUMNS: readonly GreekColumn[] = [
  { id: 'delta-lots', header: 'Δ lots', pick: (row) => row.greeks?.deltaLots, format: formatDeltaLots },
  { id: 'delta-rupees', header: '₹ Δ', pick: (row) => row.greeks?.deltaRupees, format: formatGreekRupees },
  { id: 'gamma', header: 'Γ ₹/1%', pick: (row) => row.greeks?.gammaRupeesPerPercent, format: formatGreekRupees },
  { id: 'theta', header: 'Θ ₹/day', pick: (row) => row.greeks?.thetaRupeesPerDay, format: formatGreekRupees },
  { id: 'vega', header: 'Vega ₹/vol pt', pick: (row) => row.greeks?.vegaRupeesPerVolPoint, format: formatGreekRupees },
  { id: 'iv', header: 'IV %', pick: (row) => row.greeks?.iv, format: (value) => formatIv(value) },
];

/** Estimates from the engine's Greeks; empty until the first `positions.greeks` answer. */
const greekColumns = (): ColumnDef<PositionRow>[] =>
  GREEK_COLUMNS.map((column) => ({
    id: column.id,
    header: column.header,
    meta: right,
    accessorFn: (row) => column.pick(row) ?? Number.NEGATIVE_INFINITY,
    cell: ({ row }) => <GreekCell text={column.format(column.pick(row.original))} testId={`position-${column.id}-${row.original.key}`} />,
  }));

/** Greeks move with the live prices: dimmed with them while the feed is down. */
function GreekCell({ text, testId }: { text: string; testId: string }) {
  const { className: staleClass, ...staleMarks } = useStaleMarks();
  return (
    <span className={`${layout.numeric} ${staleClass}`} data-testid={testId} {...staleMarks}>
      {text}
    </span>
  );
}

const total = (rows: readonly PositionRow[], pick: (row: PositionRow) => Paise): Paise => sumPaise(rows.map(pick));

type PositionsColumnsOptions = {
  /** Book positions: a Book column, and no square-off (the broker holds net positions only). */
  books: boolean;
  /** Square-off per row, for those who may trade; null hides the action. */
  onSquareOff: ((row: PositionRow) => void) | null;
  /** Portfolio names by id, for the Book column (ids until they are known). */
  portfolioNames?: ReadonlyMap<string, string> | undefined;
};

const bookColumn = (portfolioNames: ReadonlyMap<string, string> | undefined): ColumnDef<PositionRow> => ({
  id: 'book',
  header: 'Book',
  accessorFn: (row) => bookNameOf(row.view, portfolioNames) ?? '',
  cell: ({ row }) => <span data-testid={`position-book-${row.original.key}`}>{bookNameOf(row.original.view, portfolioNames)}</span>,
});

const squareOffColumn = (onSquareOff: (row: PositionRow) => void): ColumnDef<PositionRow> => ({
  id: 'actions',
  header: () => <span className="sd-visually-hidden">Actions</span>,
  enableSorting: false,
  cell: ({ row }) =>
    row.original.view.netQuantity !== 0 ? (
      <Button
        size="small"
        variant="danger"
        title="Cancel its open orders and close it at MARKET"
        aria-label={`Square off ${row.original.instrument?.displayName ?? row.original.view.instrumentId} ${row.original.view.product}`}
        onClick={() => onSquareOff(row.original)}
        data-testid={`position-square-off-${row.original.key}`}
      >
        Square off
      </Button>
    ) : null,
});

export function positionsColumns({ books, onSquareOff, portfolioNames }: PositionsColumnsOptions): ColumnDef<PositionRow>[] {
  return [
    // First, where a trader's eye and hand are when things go wrong (the grid scrolls sideways).
    ...(onSquareOff && !books ? [squareOffColumn(onSquareOff)] : []),
    ...(books ? [bookColumn(portfolioNames)] : []),
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
        // Lots only when whole (a position held across a lot-size revision is not): units are the truth.
        const lots = lotsText(row.original.view.netQuantity, row.original.instrument?.lotSize);
        return (
          <span className={layout.numeric} data-testid={`position-qty-${row.original.key}`}>
            {unitsText(row.original.view.netQuantity)}
            {lots ? <span className={styles.muted}> ({lots})</span> : null}
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
      cell: ({ row }) => <PnlCell value={row.original.view.unrealizedPnl} live testId={`position-unrealized-${row.original.key}`} />,
      footer: ({ table }) => (
        <PnlCell
          value={total(table.getCoreRowModel().rows.map((r) => r.original), (r) => r.view.unrealizedPnl)}
          live
          testId="positions-total-unrealized"
        />
      ),
    },
    {
      id: 'total',
      header: 'Total P&L',
      meta: right,
      accessorFn: (row) => row.totalPnl,
      cell: ({ row }) => <PnlCell value={row.original.totalPnl} live testId={`position-total-${row.original.key}`} />,
      footer: ({ table }) => (
        <PnlCell value={total(table.getCoreRowModel().rows.map((r) => r.original), (r) => r.totalPnl)} live testId="positions-total" />
      ),
    },
    ...dayColumns(),
    // Greeks are the engine's per net position; a book's Greeks are summed per book below the grid.
    ...(books ? [] : greekColumns()),
  ];
}
