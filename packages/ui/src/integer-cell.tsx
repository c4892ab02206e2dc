import { formatInteger } from './format.ts';
import styles from './cells.module.css';

type IntegerCellProps = {
  value: number | null | undefined;
  testId?: string;
};

/** Quantities, volume and open interest with Indian digit grouping. */
export function IntegerCell({ value, testId }: IntegerCellProps) {
  return (
    <span className={styles.numeric} data-testid={testId}>
      {formatInteger(value)}
    </span>
  );
}
