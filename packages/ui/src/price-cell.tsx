import type { Paise } from '@strikedesk/domain';
import { formatMoney } from './format.ts';
import { flashClass, useFlash } from './use-flash.ts';
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
  return (
    <span className={`${styles.numeric} ${flashClass(marker, styles)}`} data-testid={testId}>
      {formatMoney(value)}
    </span>
  );
}
