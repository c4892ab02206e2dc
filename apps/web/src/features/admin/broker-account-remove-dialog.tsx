'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BrokerAccount } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import layout from '../shell/layout.module.css';

/** Removing deletes the account's encrypted secrets too; an enabled account must be disabled first. */
export function BrokerAccountRemoveDialog({ account, onClose }: { account: BrokerAccount; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => api.admin.brokerAccounts.remove(account.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts });
      toast.show({ kind: 'success', message: `Removed ${account.name}` });
      onClose();
    },
  });
  return (
    <Dialog open title={`Remove ${account.name}?`} onClose={onClose} testId="broker-account-remove-dialog">
      <div className={layout.stack}>
        {account.enabled ? (
          <p data-testid="broker-account-remove-blocked">The account is enabled and may be connected and trading: disable it first, then remove it.</p>
        ) : (
          <p>Its keys, encrypted secrets and trader assignments are deleted. This cannot be undone; add the account again to use it.</p>
        )}
        {remove.isError ? <DialogError testId="broker-account-remove-error">{errorMessage(remove.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>{account.enabled ? 'OK' : 'Keep account'}</Button>
          {account.enabled ? null : (
            <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()} data-testid="broker-account-remove-confirm">
              {remove.isPending ? 'Removing…' : 'Remove account'}
            </Button>
          )}
        </DialogFooter>
      </div>
    </Dialog>
  );
}
