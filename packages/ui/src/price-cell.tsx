import type { Paise } from '@strikedesk/domain';
import { formatMoney } from './format.ts';
import { useFlash } from './use-flash.ts';
import styles from './cells.module.css';

type PriceCellProps = {
  value: Paise | null | undefined;
  /** Flash green/red when the value moves (live prices). */
  flash?: boolean;
  testId?: string;
};

/** A price in rupees from integer paise; flashes on change so traders see the tape move. */
export function PriceCell({ value, flash = false, testId }: PriceCellProps) {
  const marker = useFlash(flash ? value : null);
  const flashClass = marker ? (marker.direction === 'up' ? styles.flashUp : styles.flashDown) : '';
  return (
    <span key={marker?.generation ?? 0} className={`${styles.numeric} ${flashClass}`} data-testid={testId}>
      {formatMoney(value)}
    </span>
  );
}
