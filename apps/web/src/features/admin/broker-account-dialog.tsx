'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { BROKERS, type Broker, type BrokerAccount } from '@strikedesk/domain';
import { Button, CheckboxField, Dialog, DialogError, DialogFooter, SelectField, TextField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { BrokerAccountFields } from './broker-account-fields.tsx';
import { createInputOf, emptyBrokerAccountForm, formFromAccount, updateInputOf, type BrokerAccountTextField, type FormErrors } from './broker-account-form.ts';
import { BROKER_LABELS } from './broker-accounts-text.ts';
import layout from '../shell/layout.module.css';
import styles from './broker-accounts.module.css';

const brokerOptions = BROKERS.map((broker) => ({ value: broker, label: BROKER_LABELS[broker] }));

/** Adds an account (`account` null) or edits one; an account keeps its broker. */
export function BrokerAccountDialog({ account, onClose }: { account: BrokerAccount | null; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [form, setForm] = useState(() => (account ? formFromAccount(account) : emptyBrokerAccountForm()));
  const [errors, setErrors] = useState<FormErrors>({});
  const save = useMutation({
    mutationFn: async (): Promise<BrokerAccount | null> => {
      const checked = account ? updateInputOf(form, account) : createInputOf(form);
      setErrors(checked.ok ? {} : checked.errors);
      if (!checked.ok) return null;
      return 'id' in checked.input ? api.admin.brokerAccounts.update(checked.input) : api.admin.brokerAccounts.create(checked.input);
    },
    onSuccess: async (saved) => {
      if (!saved) return;
      await queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts });
      toast.show({ kind: 'success', message: account ? `Saved ${saved.name}` : `Added ${saved.name}` });
      onClose();
    },
  });
  const change = (field: BrokerAccountTextField, value: string) => setForm((current) => ({ ...current, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <Dialog open title={account ? `Edit ${account.name}` : 'Add broker account'} onClose={onClose} testId="broker-account-dialog">
      <form className={`${layout.stack} ${styles.dialogForm}`} onSubmit={submit} noValidate autoComplete="off">
        {account ? (
          <p className={layout.muted}>{BROKER_LABELS[account.broker]}</p>
        ) : (
          <SelectField
            label="Broker"
            value={form.broker}
            options={brokerOptions}
            onValueChange={(broker: Broker) => setForm((current) => ({ ...current, broker }))}
            data-testid="broker-account-broker"
          />
        )}
        <TextField
          label="Name"
          value={form.name}
          onValueChange={(value) => change('name', value)}
          error={errors.name ?? null}
          maxLength={60}
          autoFocus
          data-testid="broker-account-name"
        />
        <BrokerAccountFields
          form={form}
          errors={errors}
          onChange={change}
          stored={account ? { apiSecret: account.hasApiSecret, interactiveSecret: account.hasInteractiveSecret, marketDataSecret: account.hasMarketDataSecret } : null}
        />
        {account ? null : (
          <CheckboxField
            label="Enabled"
            hint="The engine connects enabled accounts"
            checked={form.enabled}
            onCheckedChange={(enabled) => setForm((current) => ({ ...current, enabled }))}
            data-testid="broker-account-enabled"
          />
        )}
        {save.isError ? <DialogError testId="broker-account-error">{errorMessage(save.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={save.isPending} data-testid="broker-account-submit">
            {save.isPending ? 'Saving…' : account ? 'Save' : 'Add account'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
