'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ReleaseHaltInputSchema, type ReleaseHaltInput, type TradingHalt } from '@strikedesk/domain';
import { Button, Dialog, DialogFooter, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { haltTitle } from '../halts/halt-text.ts';
import layout from '../shell/layout.module.css';
import styles from './admin.module.css';

type ReleaseHaltDialogProps = { halt: TradingHalt; accountLabel: string; onReleased: (halt: TradingHalt) => void; onClose: () => void };

/** Lets trading resume; the note says why and stays in the audit trail. */
export function ReleaseHaltDialog({ halt, accountLabel, onReleased, onClose }: ReleaseHaltDialogProps) {
  const { api } = useAuth();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const release = useMutation({
    mutationFn: (input: ReleaseHaltInput) => api.admin.releaseHalt(input),
    onSuccess: (released) => {
      onReleased(released);
      onClose();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ReleaseHaltInputSchema.safeParse({ haltId: halt.id, note });
    if (!parsed.success) {
      setProblem('Write a note of at least 3 characters: why trading may resume.');
      return;
    }
    setProblem(null);
    release.mutate(parsed.data);
  };

  return (
    <Dialog open title={`Release halt #${halt.id}?`} onClose={onClose} testId="release-halt-dialog">
      <form className={layout.stack} onSubmit={submit} noValidate>
        <p className={styles.muted}>
          {haltTitle(halt)} — {accountLabel}: {halt.reason}. Orders are accepted again once released.
        </p>
        <TextField label="Release note" value={note} onValueChange={setNote} maxLength={500} autoFocus data-testid="release-halt-note" />
        {problem ? (
          <p className={styles.error} role="alert" data-testid="release-halt-error">
            {problem}
          </p>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep halted</Button>
          <Button type="submit" variant="primary" disabled={release.isPending} data-testid="release-halt-confirm">
            {release.isPending ? 'Releasing…' : 'Release'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
