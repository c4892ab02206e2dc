import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './dialog.module.css';

type DialogProps = {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
};

/** A modal on the native <dialog>: focus trapping, Escape and the backdrop come from the browser. */
export function Dialog({ open, title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={titleId}
      data-testid={testId}
      // Escape closes the native dialog on its own; keep React state in step.
      onClose={onClose}
    >
      {open ? (
        <>
          <header className={styles.header}>
            <h2 id={titleId} className={styles.title}>
              {title}
            </h2>
            <button type="button" aria-label="Close" onClick={onClose} style={{ all: 'unset', cursor: 'pointer' }}>
              ✕
            </button>
          </header>
          <div className={styles.body}>{children}</div>
        </>
      ) : null}
    </dialog>
  );
}

/** A refusal or failure shown inside a dialog, above its buttons; screen readers announce it. */
export function DialogError({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className={styles.error} role="alert" data-testid={testId}>
      {children}
    </div>
  );
}

/** A dialog's buttons, right-aligned: the safe choice first, the action last. */
export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className={styles.footer}>{children}</div>;
}
