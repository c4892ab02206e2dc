'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BrokerAccount } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { disableConsequence } from './broker-accounts-text.ts';
import layout from '../shell/layout.module.css';

/** Disabling cuts a live trader off their broker mid-session: confirmed first, like removing. */
export function BrokerAccountDisableDialog({ account, traderNames, onClose }: { account: BrokerAccount; traderNames: string; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const disable = useMutation({
    mutationFn: () => api.admin.brokerAccounts.setEnabled(account.id, false),
    onSuccess: (saved) => {
      toast.show({ kind: 'success', message: `${saved.name} disabled` });
      onClose();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts }),
  });
  return (
    <Dialog open title={`Disable ${account.name}?`} onClose={onClose} testId="broker-account-disable-dialog">
      <div className={layout.stack}>
        <p>{disableConsequence(account, traderNames)}</p>
        {disable.isError ? <DialogError testId="broker-account-disable-error">{errorMessage(disable.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep enabled</Button>
          <Button variant="danger" disabled={disable.isPending} onClick={() => disable.mutate()} data-testid="broker-account-disable-confirm">
            {disable.isPending ? 'Disabling…' : 'Disable account'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
