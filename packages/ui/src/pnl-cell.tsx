import type { Paise } from '@strikedesk/domain';
import { directionOf, formatMoney } from './format.ts';
import { useStaleMarks } from './live-prices-stale.tsx';
import styles from './cells.module.css';

type PnlCellProps = {
  value: Paise | null | undefined;
  testId?: string;
  /** Marked to live prices (unrealized P&L): dimmed while the live feed is down. */
  live?: boolean;
};

/** Signed money (P&L, change): green above zero, red below, with an explicit + sign. */
export function PnlCell({ value, testId, live = false }: PnlCellProps) {
  const { className: staleClass, ...staleMarks } = useStaleMarks(live);
  return (
    <span className={`${styles.numeric} ${styles[directionOf(value)]} ${staleClass}`} data-testid={testId} {...staleMarks}>
      {formatMoney(value, { sign: true })}
    </span>
  );
}
