'use client';

import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Button, Dialog, DialogError, DialogFooter } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type ConfirmDialogProps = {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The safe choice's label ("Keep paper", "Keep it"). */
  cancelLabel: string;
  action: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
  testId: string;
};

/** Asks before a change that is hard to undo; a refusal stays in the dialog. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, action, onDone, onClose, testId }: ConfirmDialogProps) {
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  return (
    <Dialog open title={title} onClose={onClose} testId={testId}>
      <div className={`${layout.stack} ${styles.form}`}>
        {children}
        {mutation.isError ? <DialogError testId={`${testId}-error`}>{errorMessage(mutation.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>{cancelLabel}</Button>
          <Button variant="danger" disabled={mutation.isPending} onClick={() => mutation.mutate()} data-testid={`${testId}-confirm`}>
            {mutation.isPending ? 'Working…' : confirmLabel}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
