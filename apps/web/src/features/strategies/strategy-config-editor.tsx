'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { useMutation } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import { Button, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorCodeOf, errorMessage } from '@/lib/api/api-error.ts';
import type { UpdateStrategyConfigInput } from '@/lib/api/gateway-api.ts';
import { StrategyConfigFields } from './strategy-config-fields.tsx';
import { buildStrategyConfig, toStrategyForm, type StrategyFormErrors, type StrategyFormValues } from './strategy-form.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type StrategyConfigEditorProps = {
  /** The version being edited: the change is based on it. */
  strategy: Strategy;
  /** The target instrument's name, when the strategy trades one instrument. */
  instrumentLabel: string;
  onSaved: (strategy: Strategy) => void;
  /** Someone saved first: reload, then apply the change again on top of theirs. */
  onReload: () => void;
};

/** The configuration in force, for the strategy's template (which cannot change); saving writes the next version, with a comment saying why. */
export function StrategyConfigEditor({ strategy, instrumentLabel, onSaved, onReload }: StrategyConfigEditorProps) {
  const { api } = useAuth();
  const [form, setForm] = useState<StrategyFormValues>(() => toStrategyForm(strategy.config, instrumentLabel));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<StrategyFormErrors>({});
  const save = useMutation({ mutationFn: (input: UpdateStrategyConfigInput) => api.strategies.updateConfig(input), onSuccess: onSaved });
  const conflict = save.isError && errorCodeOf(save.error) === 'STRATEGY_VERSION_CONFLICT';
  // A mode, instrument or product change while the strategy holds something is refused (its exits
  // would no longer find it): the message says what to close; Positions is where to close it.
  const exposed = save.isError && errorCodeOf(save.error) === 'STRATEGY_HAS_EXPOSURE';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = buildStrategyConfig(form, strategy.template);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) save.mutate({ strategyId: strategy.id, expectedVersion: strategy.version, config: result.value, comment: comment.trim() });
  };

  return (
    <form className={`${layout.stack} ${styles.form}`} onSubmit={submit} aria-label="Strategy configuration" noValidate data-testid="strategy-config-form">
      <StrategyConfigFields
        template={strategy.template}
        form={form}
        errors={errors}
        onChange={(change) => setForm((current) => ({ ...current, ...change }))}
        testIdPrefix="strategy-config"
      />
      <div className={styles.row}>
        <TextField label="Comment (why)" value={comment} onValueChange={setComment} maxLength={200} className={styles.grow} data-testid="strategy-config-comment" />
        <Button type="submit" variant="primary" disabled={save.isPending} data-testid="strategy-config-save">
          {save.isPending ? 'Saving…' : `Save as version ${strategy.version + 1}`}
        </Button>
      </div>
      {save.isError ? (
        <div className={styles.error} role="alert" data-testid="strategy-config-error">
          {errorMessage(save.error)}
          {conflict ? (
            <Button size="small" onClick={onReload} data-testid="strategy-config-reload">
              Reload strategy
            </Button>
          ) : null}
          {exposed ? (
            <Link href="/positions" data-testid="strategy-config-positions">
              Open positions
            </Link>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
