'use client';

import { memo } from 'react';
import { formatRupees, type ChainOption, type ChainRow } from '@strikedesk/domain';
import type { ChainColumn, PriceAction } from './chain-columns.ts';
import { ChainSideCells } from './chain-side-cells.tsx';
import type { RowClass } from './chain-view.ts';
import styles from './chain.module.css';

type ChainRowViewProps = {
  row: ChainRow;
  rowClass: RowClass;
  callColumns: readonly ChainColumn[];
  putColumns: readonly ChainColumn[];
  onPrice: ((option: ChainOption, action: PriceAction) => void) | null;
};

const sameClass = (a: RowClass, b: RowClass): boolean => a.atm === b.atm && a.callItm === b.callItm && a.putItm === b.putItm;

/** One strike: calls, the strike, puts. Skips rendering unless its row data or shading changed. */
export const ChainRowView = memo(
  function ChainRowView({ row, rowClass, callColumns, putColumns, onPrice }: ChainRowViewProps) {
    return (
      <tr
        className={`${styles.row} ${rowClass.atm ? styles.atm : ''}`}
        data-testid={`chain-row-${row.strike}`}
        data-atm={rowClass.atm ? 'true' : undefined}
      >
        <ChainSideCells side="call" strike={row.strike} option={row.call} columns={callColumns} itm={rowClass.callItm} onPrice={onPrice} />
        <th scope="row" className={styles.strike} data-testid={`chain-strike-${row.strike}`}>
          {formatRupees(row.strike).replace(/\.00$/, '')}
        </th>
        <ChainSideCells side="put" strike={row.strike} option={row.put} columns={putColumns} itm={rowClass.putItm} onPrice={onPrice} />
      </tr>
    );
  },
  (before, after) =>
    before.row === after.row &&
    sameClass(before.rowClass, after.rowClass) &&
    before.callColumns === after.callColumns &&
    before.putColumns === after.putColumns &&
    before.onPrice === after.onPrice,
);
