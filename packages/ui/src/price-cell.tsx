import type { Paise } from '@strikedesk/domain';
import { formatMoney } from './format.ts';
import { flashClass, useFlash } from './use-flash.ts';
import { useStaleMarks } from './live-prices-stale.tsx';
import styles from './cells.module.css';

type PriceCellProps = {
  value: Paise | null | undefined;
  /** Flash green/red when the value moves (live prices); dimmed while the live feed is down. */
  flash?: boolean;
  /** A live value (dimmed while the live feed is down); flashing cells are live unless told not. */
  live?: boolean;
  testId?: string;
};

/** A price in rupees from integer paise; flashes on change so traders see the tape move. */
export function PriceCell({ value, flash = false, live = flash, testId }: PriceCellProps) {
  const marker = useFlash(flash ? value : null);
  const { className: staleClass, ...staleMarks } = useStaleMarks(live);
  return (
    <span className={`${styles.numeric} ${flashClass(marker, styles)} ${staleClass}`} data-testid={testId} {...staleMarks}>
      {formatMoney(value)}
    </span>
  );
}
