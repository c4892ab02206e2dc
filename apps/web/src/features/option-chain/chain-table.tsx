'use client';

import { useEffect, useMemo, useRef } from 'react';
import type { ChainOption, OptionChain } from '@strikedesk/domain';
import { CALL_COLUMNS, PUT_COLUMNS, STRIKE_COLUMN_WIDTH, visibleColumns, type PriceAction } from './chain-columns.ts';
import { ChainRowView } from './chain-row.tsx';
import { centredScrollTop, centringKey } from './chain-scroll.ts';
import { classifyRow } from './chain-view.ts';
import styles from './chain.module.css';

type ChainTableProps = {
  chain: OptionChain;
  showGreeks: boolean;
  /** Placeholder data of the previous query while the new one loads: dimmed (and not clickable). */
  stale: boolean;
  onPrice: ((option: ChainOption, action: PriceAction) => void) | null;
};

/** Calls left, strike centre, puts mirrored right; fixed column widths so nothing moves live. */
export function ChainTable({ chain, showGreeks, stale, onPrice }: ChainTableProps) {
  const callColumns = useMemo(() => visibleColumns(CALL_COLUMNS, showGreeks), [showGreeks]);
  const putColumns = useMemo(() => visibleColumns(PUT_COLUMNS, showGreeks), [showGreeks]);
  const width = [...callColumns, ...putColumns].reduce((sum, column) => sum + column.width, STRIKE_COLUMN_WIDTH);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const centredOn = useRef<string | null>(null);
  const key = centringKey(chain);

  // With 20 or 30 strikes each side the money is below the fold: bring the ATM row to the middle
  // once per query (placeholder data of the previous query does not count).
  useEffect(() => {
    const wrapper = wrapperRef.current;
    if (stale || !wrapper || centredOn.current === key) return;
    const row = wrapper.querySelector<HTMLTableRowElement>('tbody tr[data-atm="true"]');
    if (!row) return;
    centredOn.current = key;
    wrapper.scrollTop = centredScrollTop({
      rowTop: row.offsetTop,
      rowHeight: row.offsetHeight,
      viewportHeight: wrapper.clientHeight,
      headerHeight: wrapper.querySelector('thead')?.offsetHeight ?? 0,
    });
  }, [key, stale]);

  return (
    <div
      ref={wrapperRef}
      className={`${styles.tableWrapper} ${stale ? styles.stale : ''}`}
      aria-busy={stale}
      data-testid="chain-table"
      data-stale={stale ? 'true' : undefined}
    >
      <table className={styles.table} style={{ width }} aria-label={`${chain.underlying} option chain, expiry ${chain.expiry}`}>
        <colgroup>
          {callColumns.map((column) => (
            <col key={`c-${column.id}`} style={{ width: column.width }} />
          ))}
          <col style={{ width: STRIKE_COLUMN_WIDTH }} />
          {putColumns.map((column) => (
            <col key={`p-${column.id}`} style={{ width: column.width }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="colgroup" colSpan={callColumns.length} className={styles.sideHeader}>
              Calls
            </th>
            <th scope="col" className={styles.strikeHeader} rowSpan={2}>
              Strike
            </th>
            <th scope="colgroup" colSpan={putColumns.length} className={styles.sideHeader}>
              Puts
            </th>
          </tr>
          <tr>
            {callColumns.map((column) => (
              <th key={`c-${column.id}`} scope="col" className={styles.columnHeader}>
                {column.label}
              </th>
            ))}
            {putColumns.map((column) => (
              <th key={`p-${column.id}`} scope="col" className={styles.columnHeader}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chain.rows.map((row) => (
            <ChainRowView
              key={row.strike}
              row={row}
              rowClass={classifyRow(row.strike, chain)}
              callColumns={callColumns}
              putColumns={putColumns}
              onPrice={onPrice}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
