'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canTrade, CreateApiKeyInputSchema, type CreateApiKeyInput, type CreatedApiKey } from '@strikedesk/domain';
import { Button, CheckboxField, Dialog, DialogError, DialogFooter, SelectField, TextField, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useTradingAccounts } from '@/lib/queries/use-trading-accounts.ts';
import { accountOptionLabel } from '../brokers/trading-account-text.ts';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

/**
 * Names the key, the trading account it acts on (the header's by default) and its scopes, then
 * shows the full key — the only time it can be seen.
 */
export function CreateApiKeyDialog({ onClose }: { onClose: () => void }) {
  const { api } = useAuth();
  const user = useSessionUser();
  const queryClient = useQueryClient();
  const accounts = useTradingAccounts().data ?? [];
  const [accountId, setAccountId] = useState<string>(user.accountId);
  const [name, setName] = useState('');
  const [trade, setTrade] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (input: CreateApiKeyInput) => api.apiKeys.create(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateApiKeyInputSchema.safeParse({ name, accountId, scopes: trade ? ['read', 'trade'] : ['read'] });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => issue.message).join(' '));
      return;
    }
    setProblem(null);
    create.mutate(parsed.data);
  };

  // One dialog throughout: the key replaces the form inside it, so nothing can close it in between.
  const created = create.data;
  return (
    <Dialog open title={created ? `API key “${created.apiKey.name}” created` : 'New API key'} onClose={onClose} testId="create-api-key-dialog">
      {created ? (
        <CreatedKey created={created} onClose={onClose} />
      ) : (
        <form className={`${layout.stack} ${styles.dialogWidth}`} onSubmit={submit} noValidate>
          <TextField label="Name" value={name} onValueChange={setName} maxLength={60} autoFocus hint="Which program uses it, e.g. “Python algo”" data-testid="api-key-name" />
          {accounts.length > 1 ? (
            <SelectField
              label="Account"
              value={accountId}
              options={accounts.map((account) => ({ value: account.id, label: accountOptionLabel(account) }))}
              onValueChange={setAccountId}
              data-testid="api-key-account"
            />
          ) : null}
          {canTrade(user.role) ? (
            <CheckboxField
              label="Allow trading"
              hint="Place, modify and cancel orders, through the same risk checks as the terminal. Without it the key only reads orders and positions."
              checked={trade}
              onCheckedChange={setTrade}
              data-testid="api-key-trade"
            />
          ) : (
            <p className={layout.muted}>Your account is view-only: its keys read orders and positions.</p>
          )}
          {problem ? <DialogError testId="create-api-key-error">{problem}</DialogError> : null}
          <DialogFooter>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" variant="primary" disabled={create.isPending} data-testid="api-key-create-submit">
              {create.isPending ? 'Creating…' : 'Create key'}
            </Button>
          </DialogFooter>
        </form>
      )}
    </Dialog>
  );
}

function CreatedKey({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const toast = useToast();
  const copy = async () => {
    // The clipboard is missing outside secure contexts (plain http on another host): say so.
    try {
      await navigator.clipboard.writeText(created.key);
      toast.show({ kind: 'success', message: 'API key copied.' });
    } catch {
      toast.show({ kind: 'warning', message: 'Could not copy: select the key and copy it yourself.' });
    }
  };
  return (
    <div className={`${layout.stack} ${styles.dialogWidth}`} data-testid="created-api-key-view">
      <p className={styles.warning}>Copy the key now: it is shown only this once. Only a hash of it is kept.</p>
      <TextField
        label="API key"
        value={created.key}
        readOnly
        className={styles.mono}
        onFocus={(event) => event.currentTarget.select()}
        data-testid="created-api-key"
      />
      <p className={layout.muted}>
        Send it as <code>Authorization: Bearer …</code> or <code>X-API-Key: …</code>. The endpoints are described at{' '}
        <a href="/api/v1/openapi.json" target="_blank" rel="noreferrer">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <DialogFooter>
        <Button onClick={() => void copy()} data-testid="created-api-key-copy">
          Copy
        </Button>
        <Button variant="primary" onClick={onClose} data-testid="created-api-key-done">
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
