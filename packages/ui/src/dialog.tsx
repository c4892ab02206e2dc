import { useEffect, useId, useRef, type ReactNode } from 'react';
import styles from './dialog.module.css';

type DialogProps = {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
};

/** Marks the field a dialog focuses when it opens (`<TextField {...DIALOG_AUTOFOCUS} />`). */
export const DIALOG_AUTOFOCUS = { 'data-autofocus': true } as const;

/**
 * Where focus goes when the dialog opens: the field marked DIALOG_AUTOFOCUS, its text selected so
 * typing replaces it (an order ticket's "1" lot becomes "5", not "15"); without one, the browser's
 * choice — the first focusable element, the header's ✕. React's `autoFocus` cannot do this: it runs
 * before showModal(), which then moves focus to that first element.
 */
function focusMarkedField(dialog: HTMLDialogElement): void {
  const field = dialog.querySelector<HTMLElement>('[data-autofocus]');
  if (!field) return;
  field.focus();
  if (field instanceof HTMLInputElement) field.select();
}

/** A modal on the native <dialog>: focus trapping, Escape and the backdrop come from the browser. */
export function Dialog({ open, title, onClose, children, testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      focusMarkedField(dialog);
    }
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
