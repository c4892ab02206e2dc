'use client';

import type { ReactNode } from 'react';
import type { Paise } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, PriceCell } from '@strikedesk/ui';
import layout from '../shell/layout.module.css';

type PriceAlertDialogShellProps = {
  title: string;
  lastPrice: Paise | undefined;
  /** After "Last price ₹x.": what the trader should know before typing. */
  intro?: ReactNode;
  /** The client's refusal or the server's, shown above the buttons. */
  error: string | null;
  submitLabel: string;
  submitDisabled: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
};

/**
 * What setting an alert and changing one share: the dialog, the live last price the level is read
 * against, the refusal and the buttons — with the same test ids either way (`alert-dialog`,
 * `alert-last-price`, `alert-error`, `alert-submit`).
 */
export function PriceAlertDialogShell({ title, lastPrice, intro, error, submitLabel, submitDisabled, onSubmit, onClose, children }: PriceAlertDialogShellProps) {
  return (
    <Dialog open title={title} onClose={onClose} testId="alert-dialog">
      <form
        className={layout.stack}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <p className={layout.muted}>
          Last price <PriceCell value={lastPrice} testId="alert-last-price" />.{intro ? <> {intro}</> : null}
        </p>
        {children}
        {error !== null ? <DialogError testId="alert-error">{error}</DialogError> : null}
        <DialogFooter>
          <Button type="button" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" variant="primary" disabled={submitDisabled} data-testid="alert-submit">
            {submitLabel}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
