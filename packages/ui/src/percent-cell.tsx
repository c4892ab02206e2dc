import { directionOf, formatPercent } from './format.ts';
import styles from './cells.module.css';

type PercentCellProps = {
  value: number | null | undefined;
  testId?: string;
};

/** A signed percentage coloured by direction (display number, never money). */
export function PercentCell({ value, testId }: PercentCellProps) {
  return (
    <span className={`${styles.numeric} ${styles[directionOf(value)]}`} data-testid={testId}>
      {formatPercent(value)}
    </span>
  );
}
