import { flashClass, useFlash } from './use-flash.ts';
import { useStaleMarks } from './live-prices-stale.tsx';
import styles from './cells.module.css';

type FlashCellProps = {
  /** The number compared between renders: the cell flashes green/red when it moves. */
  value: number | null | undefined;
  /** What is shown (already formatted). */
  text: string;
  flash?: boolean;
  /** A live value (dimmed while the live feed is down); flashing cells are live unless told not. */
  live?: boolean;
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
export function FlashCell({ value, text, flash = true, live = flash, testId, onClick, actionLabel }: FlashCellProps) {
  const marker = useFlash(flash ? value : null);
  // Dimmed, still clickable, while the live feed is down.
  const { className: staleClass, ...staleMarks } = useStaleMarks(live);
  const className = `${styles.numeric} ${flashClass(marker, styles)} ${staleClass}`;
  if (onClick && value !== null && value !== undefined) {
    return (
      <button
        type="button"
        className={`${className} ${styles.action}`}
        onClick={onClick}
        aria-label={actionLabel}
        data-testid={testId}
        {...staleMarks}
      >
        {text}
      </button>
    );
  }
  return (
    <span className={className} data-testid={testId} {...staleMarks}>
      {text}
    </span>
  );
}
