'use client';

import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { GreekLimit } from '@strikedesk/domain';
import { Button, SelectField, TextField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { CHAIN_UNDERLYINGS, type ChainUnderlying } from '../option-chain/chain-controls.tsx';
import { accountNamer, accountOptions, adminAccounts } from './admin-accounts.ts';
import { buildGreekLimit } from './greek-limit-form.ts';
import styles from './admin.module.css';

const underlyingOptions = CHAIN_UNDERLYINGS.map((value) => ({ value, label: value }));

/** Sets (or with both fields empty, removes) an account's net delta / vega limit for an underlying. */
export function GreekLimitEditor({ users }: { users: readonly AdminUser[] }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [accountId, setAccountId] = useState('');
  const [underlying, setUnderlying] = useState<ChainUnderlying>('NIFTY');
  const [maxDelta, setMaxDelta] = useState('');
  const [maxVega, setMaxVega] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const accounts = useMemo(() => adminAccounts(users), [users]);

  const save = useMutation({
    mutationFn: (input: GreekLimit) => api.admin.setGreekLimit(input),
    onSuccess: (record) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.greekLimits });
      toast.show({ kind: 'success', message: `Greek limits saved for ${accountNamer(accounts)(record.accountId)} · ${record.underlying}` });
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = buildGreekLimit({ accountId, underlying, maxDelta, maxVega });
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setProblem(null);
    save.mutate(result.value);
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Set Greek limits" noValidate>
      <SelectField label="Account" value={accountId} options={accountOptions(accounts)} onValueChange={setAccountId} data-testid="greek-limit-user" />
      <SelectField label="Underlying" value={underlying} options={underlyingOptions} onValueChange={setUnderlying} data-testid="greek-limit-underlying" />
      <TextField
        label="Max |delta| (lots)"
        inputMode="decimal"
        value={maxDelta}
        onValueChange={setMaxDelta}
        hint="Empty = no limit"
        data-testid="greek-limit-delta"
      />
      <TextField
        label="Max |vega| (₹ per vol point)"
        inputMode="decimal"
        value={maxVega}
        onValueChange={setMaxVega}
        hint="Empty = no limit"
        data-testid="greek-limit-vega"
      />
      <Button type="submit" variant="primary" disabled={save.isPending} data-testid="greek-limit-save">
        {save.isPending ? 'Saving…' : 'Save limits'}
      </Button>
      {problem ? (
        <p className={styles.error} role="alert" data-testid="greek-limit-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
