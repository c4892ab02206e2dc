'use client';

import { useMemo } from 'react';
import type { ChainOption, OptionChain } from '@strikedesk/domain';
import { CALL_COLUMNS, PUT_COLUMNS, STRIKE_COLUMN_WIDTH, visibleColumns, type PriceAction } from './chain-columns.ts';
import { ChainRowView } from './chain-row.tsx';
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

  return (
    <div
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
