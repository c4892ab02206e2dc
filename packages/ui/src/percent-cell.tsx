import { directionOf, formatPercent } from './format.ts';
import { useStaleMarks } from './live-prices-stale.tsx';
import styles from './cells.module.css';

type PercentCellProps = {
  value: number | null | undefined;
  testId?: string;
  /** Moved by the live feed (a day's change): dimmed while it is down. */
  live?: boolean;
};

/** A signed percentage coloured by direction (display number, never money). */
export function PercentCell({ value, testId, live = false }: PercentCellProps) {
  const { className: staleClass, ...staleMarks } = useStaleMarks(live);
  return (
    <span className={`${styles.numeric} ${styles[directionOf(value)]} ${staleClass}`} data-testid={testId} {...staleMarks}>
      {formatPercent(value)}
    </span>
  );
}
