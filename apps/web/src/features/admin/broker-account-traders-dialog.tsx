'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BrokerAccount } from '@strikedesk/domain';
import { Button, CheckboxField, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { planTraderChange, traderChoices } from './broker-account-traders.ts';
import layout from '../shell/layout.module.css';
import styles from './broker-accounts.module.css';

/**
 * Tick the trader who trades through this account; saving unassigns the old one and assigns the new.
 * `accounts`: every broker account, to say who already trades through another one.
 */
export function BrokerAccountTradersDialog({
  account,
  accounts,
  users,
  onClose,
}: {
  account: BrokerAccount;
  accounts: readonly BrokerAccount[];
  users: AdminUser[];
  onClose: () => void;
}) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const choices = useMemo(() => traderChoices(users, account, accounts), [users, account, accounts]);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(account.traderIds));
  const save = useMutation({
    mutationFn: async () => {
      const plan = planTraderChange(account, chosen, choices);
      if (!plan.ok) throw new Error(plan.message);
      await api.admin.brokerAccounts.setTraders(plan.input);
    },
    // Users too: assigning gives the trader a live trading account, which the risk-limit, Greek-limit
    // and kill-switch pickers list from the users' accounts.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts }),
        queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers }),
      ]),
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
        {choices.length === 0 ? (
          <p className={layout.muted}>No trader yet: create one under Users first.</p>
        ) : (
          <div className={styles.traders} role="group" aria-label="Traders">
            {choices.map((choice) => (
              <CheckboxField
                key={choice.userId}
                label={choice.label}
                hint={choice.hint ?? undefined}
                checked={chosen.has(choice.userId)}
                disabled={!choice.assignable && !chosen.has(choice.userId)}
                onCheckedChange={(on) => toggle(choice.userId, on)}
                data-testid={`broker-account-trader-${choice.username}`}
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
