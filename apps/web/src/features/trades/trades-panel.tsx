'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { istDate, type TradebookInput } from '@strikedesk/domain';
import { Button, DataGrid, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { downloadTradebook, type ExportFormat } from '@/lib/api/download-export.ts';
import { useOrders } from '@/lib/queries/use-orders.ts';
import { useTradebook } from '@/lib/queries/use-tradebook.ts';
import { listState } from '../orders/list-state.ts';
import { tradesColumns, type TradeRow } from './trades-columns.tsx';
import { emptyText, rangeProblem, shownTrades, todayRange, totalsText, tradeTotals, truncatedText } from './tradebook-text.ts';
import { ListUnavailable } from '../shell/list-unavailable.tsx';
import layout from '../shell/layout.module.css';
import styles from './trades.module.css';

const EMPTY: TradeRow[] = [];

/**
 * The tradebook: every fill of the account on the chosen IST days (today by default), with totals,
 * and the same as an Excel workbook or CSV for the trader's accounts and tax filing.
 */
export function TradesPanel() {
  const { getAccessToken, ensureAccessToken } = useAuth();
  const [from, setFrom] = useState(() => todayRange(Date.now()).from);
  const [to, setTo] = useState(() => todayRange(Date.now()).to);
  const problem = rangeProblem(from, to);
  const range: TradebookInput | null = problem === null ? { from, to } : null;
  const book = useTradebook(range);
  const [downloading, setDownloading] = useState<ExportFormat | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);

  // A fill today changes today's orders: ask again when the range takes in today.
  const orders = useOrders();
  const filledToday = useMemo(() => (orders.data ?? []).reduce((total, order) => total + order.filledQuantity, 0), [orders.data]);
  const { refetch } = book;
  const today = istDate(Date.now());
  const includesToday = range !== null && range.from <= today && today <= range.to;
  const seenFilled = useRef(filledToday);
  useEffect(() => {
    if (seenFilled.current === filledToday) return;
    seenFilled.current = filledToday;
    if (includesToday) void refetch();
  }, [filledToday, includesToday, refetch]);

  const rows = useMemo<TradeRow[]>(() => {
    if (!book.data) return EMPTY;
    const instruments = new Map(book.data.instruments.map((instrument) => [instrument.id, instrument]));
    return shownTrades(book.data.trades).map((trade) => ({ trade, instrument: instruments.get(trade.instrumentId) }));
  }, [book.data]);
  const truncated = book.data ? truncatedText(book.data.trades.length, rows.length) : null;
  const columns = useMemo(() => tradesColumns(), []);
  const state = listState(book);

  const download = async (format: ExportFormat) => {
    if (!range) return;
    setDownloading(format);
    setDownloadError(null);
    try {
      await downloadTradebook(format, range, { ensureAccessToken, getAccessToken });
    } catch (error) {
      setDownloadError(errorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <section className={styles.panel} aria-label="Trades">
      <div className={styles.controls}>
        <TextField label="From" type="date" value={from} max={today} onValueChange={setFrom} data-testid="trades-from" />
        <TextField label="To" type="date" value={to} max={today} onValueChange={setTo} data-testid="trades-to" />
        <Button onClick={() => void download('xlsx')} disabled={range === null || downloading !== null} data-testid="trades-download-xlsx">
          {downloading === 'xlsx' ? 'Preparing…' : 'Download Excel'}
        </Button>
        <Button onClick={() => void download('csv')} disabled={range === null || downloading !== null} data-testid="trades-download-csv">
          {downloading === 'csv' ? 'Preparing…' : 'Download CSV'}
        </Button>
      </div>
      {problem ? (
        <p className={layout.error} role="alert" data-testid="trades-range-problem">
          {problem}
        </p>
      ) : null}
      {downloadError ? (
        <p className={layout.error} role="alert" data-testid="trades-download-error">
          {downloadError}
        </p>
      ) : null}
      {book.isError ? <p role="alert">{errorMessage(book.error)}</p> : null}
      {range === null ? null : state === 'loading' ? (
        <p className={layout.muted}>Loading trades…</p>
      ) : state === 'unavailable' ? (
        <ListUnavailable query={book} testId="trades-unavailable">
          The trades could not be loaded.
        </ListUnavailable>
      ) : (
        <>
          <DataGrid
            data={rows}
            columns={columns}
            getRowId={(row) => `${row.trade.orderId}|${row.trade.tradeId}`}
            rowTestId={(row) => `trade-row-${row.trade.tradeId}`}
            initialSorting={[{ id: 'time', desc: true }]}
            ariaLabel="Trades"
            emptyMessage={emptyText(range, today)}
            testId="trades-grid"
          />
          {rows.length > 0 && book.data ? (
            <p className={layout.muted} data-testid="trades-totals">
              {totalsText(tradeTotals(book.data.trades))}
            </p>
          ) : null}
          {truncated ? (
            <p className={layout.muted} data-testid="trades-truncated">
              {truncated}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
