'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { RiskLimitsVersion, SetRiskLimitsInput } from '@strikedesk/domain';
import { Button, CheckboxField, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorCodeOf, errorMessage } from '@/lib/api/api-error.ts';
import { LIMIT_FIELDS, SQUARE_OFF_ON_DAILY_LOSS_LABEL } from './risk-limit-fields.ts';
import { buildRiskLimits, toRiskLimitsForm, type RiskLimitsFormErrors, type RiskLimitsFormValues } from './risk-limits-form.ts';
import styles from './admin.module.css';

type RiskLimitsEditorProps = {
  /** The version the admin is looking at: the change is based on it. */
  current: RiskLimitsVersion;
  onSaved: (version: RiskLimitsVersion) => void;
  /** Someone else saved first: reload, then apply the change again on top of theirs. */
  onReload: () => void;
};

/** Every field of the account's limits; saving writes a new version based on `current`. */
export function RiskLimitsEditor({ current, onSaved, onReload }: RiskLimitsEditorProps) {
  const { api } = useAuth();
  const [form, setForm] = useState<RiskLimitsFormValues>(() => toRiskLimitsForm(current.limits));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<RiskLimitsFormErrors>({});
  const save = useMutation({ mutationFn: (input: SetRiskLimitsInput) => api.admin.setRiskLimits(input), onSuccess: onSaved });
  const conflict = save.isError && errorCodeOf(save.error) === 'RISK_LIMITS_VERSION_CONFLICT';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = buildRiskLimits(form);
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) return;
    save.mutate({ accountId: current.accountId, baseVersion: current.version, limits: result.value, comment: comment.trim() });
  };

  return (
    <form className={styles.limitsForm} onSubmit={submit} aria-label="Risk limits" noValidate data-testid="risk-limits-form">
      <div className={styles.limitsGrid}>
        {LIMIT_FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={field.label}
            inputMode={field.kind === 'lots' || field.kind === 'count' ? 'numeric' : 'decimal'}
            value={form[field.key]}
            onValueChange={(value) => setForm((previous) => ({ ...previous, [field.key]: value }))}
            hint={field.nullable ? `${field.hint}. Empty = no limit.` : field.hint}
            error={errors[field.key] ?? null}
            data-testid={`risk-limit-${field.key}`}
          />
        ))}
      </div>
      <CheckboxField
        label={SQUARE_OFF_ON_DAILY_LOSS_LABEL}
        checked={form.squareOffOnDailyLoss}
        onCheckedChange={(checked) => setForm((previous) => ({ ...previous, squareOffOnDailyLoss: checked }))}
        data-testid="risk-limit-squareOffOnDailyLoss"
      />
      <div className={styles.limitsFooter}>
        <TextField label="Comment (why)" value={comment} onValueChange={setComment} maxLength={500} className={styles.grow} data-testid="risk-limits-comment" />
        <Button type="submit" variant="primary" disabled={save.isPending} data-testid="risk-limits-save">
          {save.isPending ? 'Saving…' : `Save as version ${current.version + 1}`}
        </Button>
      </div>
      {save.isError ? (
        <div className={styles.error} role="alert" data-testid="risk-limits-error">
          {errorMessage(save.error)}
          {conflict ? (
            <Button size="small" onClick={onReload} data-testid="risk-limits-reload">
              Reload limits
            </Button>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
