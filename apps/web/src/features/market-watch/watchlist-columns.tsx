'use client';

import { tickChange, tickChangePercent, type Instrument, type Paise, type Side } from '@strikedesk/domain';
import { Button, IntegerCell, PercentCell, PnlCell, PriceCell, type ColumnDef } from '@strikedesk/ui';
import { tradedOnly, type WatchlistRow } from './watchlist-row.ts';
import { BellIcon } from '../alerts/bell-icon.tsx';
import styles from './market-watch.module.css';

type ColumnActions = {
  onSelect: (instrument: Instrument) => void;
  onTrade: (instrument: Instrument, side: Side) => void;
  onRemove: (instrument: Instrument) => void;
  onAlert: (instrument: Instrument) => void;
  canTrade: boolean;
};

const right = { align: 'right' } as const;

/** Sort key for optional numbers: unknown values sort last. */
const orLowest = (value: number | null | undefined): number => value ?? Number.NEGATIVE_INFINITY;

export function watchlistColumns({ onSelect, onTrade, onRemove, onAlert, canTrade }: ColumnActions): ColumnDef<WatchlistRow>[] {
  return [
    {
      id: 'symbol',
      header: 'Symbol',
      accessorFn: (row) => row.instrument.displayName,
      cell: ({ row }) => (
        <button
          type="button"
          className={styles.symbolButton}
          onClick={() => onSelect(row.original.instrument)}
          data-testid={`watch-symbol-${row.original.instrument.id}`}
        >
          {row.original.instrument.displayName}
        </button>
      ),
    },
    {
      id: 'ltp',
      header: 'LTP',
      meta: right,
      accessorFn: (row) => orLowest(row.tick?.lastPrice),
      cell: ({ row }) => <PriceCell value={row.original.tick?.lastPrice} flash testId={`ltp-${row.original.instrument.id}`} />,
    },
    {
      id: 'change',
      header: 'Change',
      meta: right,
      accessorFn: (row) => (row.tick ? tickChange(row.tick) : Number.NEGATIVE_INFINITY),
      cell: ({ row }) => (
        <PnlCell
          value={row.original.tick ? (tickChange(row.original.tick) as Paise) : null}
          live
          testId={`change-${row.original.instrument.id}`}
        />
      ),
    },
    {
      id: 'changePercent',
      header: 'Change %',
      meta: right,
      accessorFn: (row) => (row.tick ? tickChangePercent(row.tick) : Number.NEGATIVE_INFINITY),
      cell: ({ row }) => <PercentCell value={row.original.tick ? tickChangePercent(row.original.tick) : null} live />,
    },
    {
      id: 'bid',
      header: 'Bid',
      meta: right,
      accessorFn: (row) => orLowest(row.tick?.bid),
      cell: ({ row }) => <PriceCell value={row.original.tick?.bid} live testId={`bid-${row.original.instrument.id}`} />,
    },
    {
      id: 'ask',
      header: 'Ask',
      meta: right,
      accessorFn: (row) => orLowest(row.tick?.ask),
      cell: ({ row }) => <PriceCell value={row.original.tick?.ask} live testId={`ask-${row.original.instrument.id}`} />,
    },
    {
      id: 'volume',
      header: 'Volume',
      meta: right,
      accessorFn: (row) => orLowest(row.tick?.volume),
      cell: ({ row }) => <IntegerCell value={tradedOnly(row.original, row.original.tick?.volume)} live />,
    },
    {
      id: 'oi',
      header: 'OI',
      meta: right,
      accessorFn: (row) => orLowest(row.tick?.openInterest),
      cell: ({ row }) => <IntegerCell value={tradedOnly(row.original, row.original.tick?.openInterest)} live />,
    },
    {
      id: 'actions',
      header: () => <span className="sd-visually-hidden">Actions</span>,
      enableSorting: false,
      meta: { align: 'center' },
      cell: ({ row }) => {
        const instrument = row.original.instrument;
        const tradable = instrument.tradable;
        // Not tradable: an index, or a contract past its expiry close (kept while held).
        const notTradable = instrument.kind === 'INDEX' ? 'Indices are not tradable' : 'Expired: no longer tradable';
        return (
          <span className={styles.actions}>
            <Button
              size="small"
              variant="buy"
              disabled={!tradable}
              title={tradable ? (canTrade ? undefined : 'View-only account') : notTradable}
              aria-label={`Buy ${instrument.displayName}`}
              onClick={() => onTrade(instrument, 'BUY')}
              data-testid={`buy-${instrument.id}`}
            >
              B
            </Button>
            <Button
              size="small"
              variant="sell"
              disabled={!tradable}
              aria-label={`Sell ${instrument.displayName}`}
              onClick={() => onTrade(instrument, 'SELL')}
              data-testid={`sell-${instrument.id}`}
            >
              S
            </Button>
            <Button
              size="small"
              variant="ghost"
              title="Price alert"
              aria-label={`Set a price alert on ${instrument.displayName}`}
              onClick={() => onAlert(instrument)}
              data-testid={`alert-${instrument.id}`}
            >
              <BellIcon />
            </Button>
            <Button
              size="small"
              variant="ghost"
              aria-label={`Remove ${instrument.displayName} from watchlist`}
              onClick={() => onRemove(instrument)}
              data-testid={`remove-${instrument.id}`}
            >
              ✕
            </Button>
          </span>
        );
      },
    },
  ];
}
