import type { Paise } from '@strikedesk/domain';
import { directionOf, formatMoney } from './format.ts';
import { STALE_TITLE, useLivePricesStale } from './live-prices-stale.tsx';
import styles from './cells.module.css';

type PnlCellProps = {
  value: Paise | null | undefined;
  testId?: string;
  /** Marked to live prices (unrealized P&L): dimmed while the live feed is down. */
  live?: boolean;
};

/** Signed money (P&L, change): green above zero, red below, with an explicit + sign. */
export function PnlCell({ value, testId, live = false }: PnlCellProps) {
  const stale = useLivePricesStale() && live;
  return (
    <span
      className={`${styles.numeric} ${styles[directionOf(value)]} ${stale ? styles.stale : ''}`}
      data-testid={testId}
      data-stale={stale || undefined}
      title={stale ? STALE_TITLE : undefined}
    >
      {formatMoney(value, { sign: true })}
    </span>
  );
}
