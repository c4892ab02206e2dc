import { flashClass, useFlash } from './use-flash.ts';
import styles from './cells.module.css';

type FlashCellProps = {
  /** The number compared between renders: the cell flashes green/red when it moves. */
  value: number | null | undefined;
  /** What is shown (already formatted). */
  text: string;
  flash?: boolean;
  testId?: string;
  /** Makes the cell a button (e.g. a price that opens the order ticket). */
  onClick?: (() => void) | undefined;
  /** Accessible name for the button form. */
  actionLabel?: string | undefined;
};

/**
 * A tabular number for dense live tables: re-renders in place, flashes only when its own value
 * changed, and can act as a button without changing its width.
 */
export function FlashCell({ value, text, flash = true, testId, onClick, actionLabel }: FlashCellProps) {
  const marker = useFlash(flash ? value : null);
  const className = `${styles.numeric} ${flashClass(marker, styles)}`;
  if (onClick && value !== null && value !== undefined) {
    return (
      <button
        type="button"
        className={`${className} ${styles.action}`}
        onClick={onClick}
        aria-label={actionLabel}
        data-testid={testId}
      >
        {text}
      </button>
    );
  }
  return (
    <span className={className} data-testid={testId}>
      {text}
    </span>
  );
}
