import { formatInteger } from './format.ts';
import { useStaleMarks } from './live-prices-stale.tsx';
import styles from './cells.module.css';

type IntegerCellProps = {
  value: number | null | undefined;
  testId?: string;
  /** Moved by the live feed (volume, OI): dimmed while it is down. */
  live?: boolean;
};

/** Quantities, volume and open interest with Indian digit grouping. */
export function IntegerCell({ value, testId, live = false }: IntegerCellProps) {
  const { className: staleClass, ...staleMarks } = useStaleMarks(live);
  return (
    <span className={`${styles.numeric} ${staleClass}`} data-testid={testId} {...staleMarks}>
      {formatInteger(value)}
    </span>
  );
}
