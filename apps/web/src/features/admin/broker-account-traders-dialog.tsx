'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canTrade, type BrokerAccount, type UserId } from '@strikedesk/domain';
import { Button, CheckboxField, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import layout from '../shell/layout.module.css';
import styles from './broker-accounts.module.css';

/** Tick the traders who trade through this account; saving assigns the new ones and unassigns the rest. */
export function BrokerAccountTradersDialog({ account, users, onClose }: { account: BrokerAccount; users: AdminUser[]; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const traders = useMemo(() => users.filter((user) => canTrade(user.role)).sort((a, b) => a.username.localeCompare(b.username)), [users]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(account.traderIds));
  const save = useMutation({
    mutationFn: async () => {
      const added = [...chosen].filter((id) => !account.traderIds.includes(id as UserId)) as UserId[];
      const removed = account.traderIds.filter((id) => !chosen.has(id));
      if (added.length > 0) await api.admin.brokerAccounts.assign({ id: account.id, traderIds: added });
      if (removed.length > 0) await api.admin.brokerAccounts.unassign({ id: account.id, traderIds: removed });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts }),
    onSuccess: () => {
      toast.show({ kind: 'success', message: `Traders of ${account.name} saved` });
      onClose();
    },
  });
  const toggle = (userId: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(userId);
      else next.delete(userId);
      return next;
    });

  return (
    <Dialog open title={`Traders of ${account.name}`} onClose={onClose} testId="broker-account-traders-dialog">
      <div className={layout.stack}>
        {traders.length === 0 ? (
          <p className={layout.muted}>No trader yet: create one under Users first.</p>
        ) : (
          <div className={styles.traders} role="group" aria-label="Traders">
            {traders.map((user) => (
              <CheckboxField
                key={user.userId}
                label={user.role === 'admin' ? `${user.username} (admin)` : user.username}
                checked={chosen.has(user.userId)}
                onCheckedChange={(on) => toggle(user.userId, on)}
                data-testid={`broker-account-trader-${user.username}`}
              />
            ))}
          </div>
        )}
        {save.isError ? <DialogError testId="broker-account-traders-error">{errorMessage(save.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled={save.isPending} onClick={() => save.mutate()} data-testid="broker-account-traders-save">
            {save.isPending ? 'Saving…' : 'Save'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
