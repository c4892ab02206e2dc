'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { EngageKillSwitchInputSchema, type EngageKillSwitchInput, type TradingHalt } from '@strikedesk/domain';
import { Button, CheckboxField, Dialog, DialogError, DialogFooter, TextField } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import layout from '../shell/layout.module.css';
import styles from './halts.module.css';

type KillSwitchDialogProps = {
  title: string;
  /** What will be halted, in a sentence. */
  description: ReactNode;
  engage: (input: EngageKillSwitchInput) => Promise<TradingHalt>;
  scope: EngageKillSwitchInput['scope'];
  onEngaged: (halt: TradingHalt) => void;
  onClose: () => void;
  /**
   * Already engaged: confirming again keeps the halt (it is never engaged twice) and, by default,
   * squares off what is still open — the one thing left to do from here.
   */
  engaged?: boolean;
};

const confirmLabel = (engaged: boolean, flatten: boolean): string =>
  engaged ? (flatten ? 'Square off all positions' : 'Cancel open orders again') : flatten ? 'Halt and square off' : 'Halt trading';

/** Confirmation before a kill switch: a reason is required; squaring off is a deliberate extra choice. */
export function KillSwitchDialog({ title, description, engage, scope, onEngaged, onClose, engaged = false }: KillSwitchDialogProps) {
  const [reason, setReason] = useState('');
  const [flatten, setFlatten] = useState(engaged);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: engage,
    onSuccess: (halt) => {
      onEngaged(halt);
      onClose();
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = EngageKillSwitchInputSchema.safeParse({ scope, reason, flatten });
    if (!parsed.success) {
      setProblem('Give a reason of at least 3 characters: it is recorded and shown to everyone affected.');
      return;
    }
    setProblem(null);
    mutation.mutate(parsed.data);
  };

  return (
    <Dialog open title={title} onClose={onClose} testId="kill-switch-dialog">
      <form className={layout.stack} onSubmit={submit} noValidate>
        <p className={styles.warning}>{description}</p>
        <TextField label="Reason" value={reason} onValueChange={setReason} maxLength={500} autoFocus data-testid="kill-switch-reason" />
        <CheckboxField
          label="Also square off all positions"
          hint="MARKET orders close every open position (sliced above the freeze quantity)."
          checked={flatten}
          onCheckedChange={setFlatten}
          data-testid="kill-switch-flatten"
        />
        {problem ? (
          <DialogError testId="kill-switch-error">
            {problem}
          </DialogError>
        ) : null}
        <DialogFooter>
          <Button onClick={onClose}>{engaged ? 'Close' : 'Keep trading'}</Button>
          <Button type="submit" variant="danger" disabled={mutation.isPending} data-testid="kill-switch-confirm">
            {mutation.isPending ? 'Engaging…' : confirmLabel(engaged, flatten)}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
