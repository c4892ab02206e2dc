'use client';

import { useState, type FormEvent } from 'react';
import type { Strategy } from '@strikedesk/domain';
import { Button, TextField, useToast } from '@strikedesk/ui';
import { passphraseProblem } from './strategy-form.ts';
import { useStrategySettings } from './use-strategy-settings.ts';
import styles from './strategies.module.css';

/** Sets, changes or removes the passphrase alerts must carry; only its hash is stored, so it is never shown. */
export function PassphraseSetting({ strategy }: { strategy: Strategy }) {
  const settings = useStrategySettings();
  const toast = useToast();
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const save = (value: string | null) =>
    settings.mutate(
      { strategyId: strategy.id, passphrase: value },
      {
        onSuccess: () => {
          setPassphrase('');
          toast.show({
            kind: 'success',
            message: value === null ? 'Passphrase removed: alerts need only the URL.' : 'Passphrase set: update the alert message in TradingView.',
          });
        },
      },
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = passphraseProblem(passphrase);
    setProblem(checked);
    if (checked === null) save(passphrase);
  };

  return (
    <form className={styles.row} onSubmit={submit} noValidate aria-label="Passphrase">
      <TextField
        label={strategy.hasPassphrase ? 'New passphrase' : 'Set a passphrase (at least 8 characters)'}
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onValueChange={setPassphrase}
        error={problem}
        className={styles.grow}
        data-testid="strategy-passphrase"
      />
      <Button type="submit" size="small" disabled={settings.isPending} data-testid="strategy-passphrase-save">
        {strategy.hasPassphrase ? 'Change' : 'Set'}
      </Button>
      {strategy.hasPassphrase ? (
        <Button size="small" variant="danger" disabled={settings.isPending} onClick={() => save(null)} data-testid="strategy-passphrase-remove">
          Remove
        </Button>
      ) : null}
    </form>
  );
}
