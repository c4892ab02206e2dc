import type { Paise } from '@strikedesk/domain';
import { directionOf, formatMoney } from './format.ts';
import styles from './cells.module.css';

type PnlCellProps = {
  value: Paise | null | undefined;
  testId?: string;
};

/** Signed money (P&L, change): green above zero, red below, with an explicit + sign. */
export function PnlCell({ value, testId }: PnlCellProps) {
  return (
    <span className={`${styles.numeric} ${styles[directionOf(value)]}`} data-testid={testId}>
      {formatMoney(value, { sign: true })}
    </span>
  );
}
