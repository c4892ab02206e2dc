'use client';

import { useState } from 'react';
import { HALT_SCOPES, type AccountId, type HaltScope, type TradingHalt } from '@strikedesk/domain';
import { Button, SelectField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { KillSwitchDialog } from '../halts/kill-switch-dialog.tsx';
import { accountOptions, type AdminAccount } from './admin-accounts.ts';
import styles from './admin.module.css';

const scopeOptions = HALT_SCOPES.map((scope) => ({ value: scope, label: scope === 'GLOBAL' ? 'Every account (global)' : 'One account' }));

/** An admin's kill switch: for any one account (paper or live), or for everyone. */
export function AdminKillSwitch({ accounts, onEngaged }: { accounts: readonly AdminAccount[]; onEngaged: (halt: TradingHalt) => void }) {
  const { api } = useAuth();
  const [scope, setScope] = useState<HaltScope>('ACCOUNT');
  const [accountId, setAccountId] = useState('');
  const [open, setOpen] = useState(false);
  const target = accounts.find((account) => account.accountId === accountId);
  const ready = scope === 'GLOBAL' || target !== undefined;

  return (
    <div className={styles.form} aria-label="Engage a kill switch" role="group">
      <SelectField label="Halt" value={scope} options={scopeOptions} onValueChange={setScope} data-testid="admin-kill-switch-scope" />
      {scope === 'ACCOUNT' ? (
        <SelectField label="Account" value={accountId} options={accountOptions(accounts)} onValueChange={setAccountId} data-testid="admin-kill-switch-account" />
      ) : null}
      <Button variant="danger" disabled={!ready} onClick={() => setOpen(true)} data-testid="admin-kill-switch-open">
        Engage kill switch…
      </Button>
      {open ? (
        <KillSwitchDialog
          title={scope === 'GLOBAL' ? 'Halt trading for every account?' : `Halt trading for ${target?.label ?? 'this account'}?`}
          description={
            scope === 'GLOBAL'
              ? 'Every account: all open orders are cancelled and new orders refused until an admin releases it.'
              : `${target?.label ?? 'The account'}: all open orders are cancelled and new orders refused until an admin releases it.`
          }
          scope={scope}
          engage={(input) => api.admin.engageKillSwitch(scope === 'GLOBAL' ? input : { ...input, accountId: accountId as AccountId })}
          onEngaged={onEngaged}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </div>
  );
}
