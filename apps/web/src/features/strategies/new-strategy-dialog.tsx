'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateStrategyInput, StrategyId, StrategyMode, StrategyTemplate } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, SegmentedControl, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { NewStrategyCreated } from './new-strategy-created.tsx';
import { StrategyConfigFields } from './strategy-config-fields.tsx';
import { modeOptions } from './strategy-mode.tsx';
import { buildStrategyConfig, NEW_STRATEGY_CONFIG, passphraseProblem, toStrategyForm, type StrategyFormErrors, type StrategyFormValues } from './strategy-form.ts';
import { TemplateChoice } from './template-choice.tsx';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type NewStrategyDialogProps = {
  onClose: () => void;
  /** After the URL was shown: the new strategy, to select it. */
  onCreated: (strategyId: StrategyId) => void;
};

/** A strategy from one of the three templates; it starts disabled, and its URL is shown once. */
export function NewStrategyDialog({ onClose, onCreated }: NewStrategyDialogProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const [template, setTemplate] = useState<StrategyTemplate>('TV_INSTRUMENT');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<StrategyMode>('PAPER');
  const [passphrase, setPassphrase] = useState('');
  const [form, setForm] = useState<StrategyFormValues>(() => toStrategyForm(NEW_STRATEGY_CONFIG));
  const [errors, setErrors] = useState<StrategyFormErrors & { name?: string; passphrase?: string }>({});
  const create = useMutation({
    mutationFn: (input: CreateStrategyInput) => api.strategies.create(input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.strategyList }),
  });
  const created = create.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const config = buildStrategyConfig(form, template);
    const problems: typeof errors = config.ok ? {} : { ...config.errors };
    if (name.trim() === '') problems.name = 'Give the strategy a name.';
    const passphraseCheck = passphrase === '' ? null : passphraseProblem(passphrase);
    if (passphraseCheck) problems.passphrase = passphraseCheck;
    setErrors(problems);
    if (!config.ok || Object.keys(problems).length > 0) return;
    create.mutate({ name: name.trim(), template, mode, config: config.value, passphrase: passphrase === '' ? null : passphrase });
  };

  if (created) {
    const done = () => {
      onCreated(created.strategy.id);
      onClose();
    };
    return <NewStrategyCreated created={created} onDone={done} />;
  }

  return (
    <Dialog open title="New strategy" onClose={onClose} testId="new-strategy-dialog">
      <form className={`${layout.stack} ${styles.form}`} onSubmit={submit} noValidate>
        <TemplateChoice
          value={template}
          onChange={(chosen) => {
            setTemplate(chosen);
            // The other template's messages may be about fields it no longer shows.
            setErrors({});
          }}
          testIdPrefix="new-strategy"
        />
        <div className={styles.row}>
          <TextField label="Name" value={name} onValueChange={setName} maxLength={80} autoFocus error={errors.name ?? null} className={styles.grow} data-testid="new-strategy-name" />
          <SegmentedControl label="Mode" value={mode} options={modeOptions('new-strategy')} onValueChange={setMode} />
        </div>
        {mode === 'LIVE' ? <p className={styles.note}>Live: {template === 'TV_INSTRUMENT' ? 'alerts place' : 'the portfolio places'} real orders in your trading account.</p> : null}
        <StrategyConfigFields
          template={template}
          form={form}
          errors={errors}
          onChange={(change) => setForm((current) => ({ ...current, ...change }))}
          testIdPrefix="new-strategy"
        />
        <TextField
          label="Passphrase (optional)"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onValueChange={setPassphrase}
          hint={
            template === 'SCHEDULED_PORTFOLIO'
              ? 'Alerts posted to the URL must carry it as “passphrase”; the scheduled entry needs none.'
              : 'The alert must carry it as “passphrase”: a second secret besides the URL.'
          }
          error={errors.passphrase ?? null}
          data-testid="new-strategy-passphrase"
        />
        {create.isError ? <DialogError testId="new-strategy-error">{errorMessage(create.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={create.isPending} data-testid="new-strategy-submit">
            {create.isPending ? 'Creating…' : 'Create strategy'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
