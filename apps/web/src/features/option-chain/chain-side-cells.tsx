'use client';

import type { ChainOption } from '@strikedesk/domain';
import { FlashCell } from '@strikedesk/ui';
import { clickedPrice, type ChainColumn, type PriceAction } from './chain-columns.ts';
import styles from './chain.module.css';

export type ChainSide = 'call' | 'put';

type ChainSideCellsProps = {
  side: ChainSide;
  strike: number;
  option: ChainOption | null;
  columns: readonly ChainColumn[];
  itm: boolean;
  onPrice: ((option: ChainOption, action: PriceAction) => void) | null;
};

const ACTION_LABELS: Record<PriceAction, string> = { bid: 'Sell at bid', ask: 'Buy at ask', ltp: 'Buy at LTP' };

/** One side (calls or puts) of a chain row: a cell per column, in place across updates. */
export function ChainSideCells({ side, strike, option, columns, itm, onPrice }: ChainSideCellsProps) {
  const cellClass = `${styles.cell} ${itm ? styles.itm : ''}`;
  return (
    <>
      {columns.map((column) => {
        // A price the option does not have (a dash) opens no ticket.
        const action = column.action && option && clickedPrice(option, column.action) !== null ? column.action : undefined;
        return (
          <td key={column.id} className={cellClass}>
            {option ? (
              <FlashCell
                value={column.value(option)}
                text={column.format(option)}
                flash={column.flash}
                // Every number of the chain comes from its live pushes.
                live
                testId={`chain-${side}-${column.id}-${strike}`}
                onClick={action && onPrice ? () => onPrice(option, action) : undefined}
                actionLabel={action ? `${ACTION_LABELS[action]} ${side} ${strike / 100}` : undefined}
              />
            ) : (
              <span className={styles.muted}>—</span>
            )}
          </td>
        );
      })}
    </>
  );
}
