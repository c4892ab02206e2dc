'use client';

import { useId, useState } from 'react';
import Link from 'next/link';
import { AccountIdSchema, type TradingAccount } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { useTradingAccounts } from '@/lib/queries/use-trading-accounts.ts';
import { accountDot, accountLabel, accountOptionLabel, accountStatusText } from './trading-account-text.ts';
import styles from './brokers.module.css';

/**
 * The header's trading account: "Paper" or the broker account's name, with a status dot. A trader
 * with a live account picks between the two here (a native select: keyboard and screen readers work
 * as everywhere); everything on screen then acts on the chosen account.
 */
export function AccountSwitcher() {
  const user = useSessionUser();
  const { switchAccount } = useAuth();
  const toast = useToast();
  const accounts = useTradingAccounts();
  const [switching, setSwitching] = useState(false);
  const selectId = useId();
  const list = accounts.data ?? [];
  const current = list.find((account) => account.id === user.accountId);
  if (!current) return null; // loading, or a list older than the token: the next poll has it

  const onChange = async (value: string) => {
    const chosen = list.find((account) => account.id === value);
    const accountId = AccountIdSchema.safeParse(value);
    if (!chosen || !accountId.success || chosen.id === user.accountId) return;
    setSwitching(true);
    try {
      await switchAccount(accountId.data);
      toast.show({ kind: chosen.kind === 'live' ? 'warning' : 'info', message: `Now trading on ${describe(chosen)}.` });
    } catch (error) {
      toast.show({ kind: 'error', message: errorMessage(error) });
    } finally {
      setSwitching(false);
    }
  };

  const dot = accountDot(current);
  return (
    <div className={styles.switcher} data-testid="account-switcher" data-kind={current.kind} data-state={dot} title={accountStatusText(current)}>
      <span className={styles.dot} data-state={dot} aria-hidden="true" data-testid="account-status-dot" />
      {list.length > 1 ? (
        <>
          <label htmlFor={selectId} className={styles.current}>
            Account
          </label>
          <select
            id={selectId}
            className={styles.select}
            value={user.accountId}
            disabled={switching}
            aria-describedby={`${selectId}-status`}
            onChange={(event) => void onChange(event.target.value)}
            data-testid="account-switcher-select"
          >
            {list.map((account) => (
              <option key={account.id} value={account.id} data-kind={account.kind}>
                {accountOptionLabel(account)}
              </option>
            ))}
          </select>
        </>
      ) : (
        <span className={styles.current} data-testid="account-current">
          {accountLabel(current)}
        </span>
      )}
      <span id={`${selectId}-status`} hidden>
        {accountStatusText(current)}
      </span>
      {current.kind === 'live' && current.brokerAccount && dot !== 'ok' ? (
        <Link href="/settings" className={styles.connectLink} data-testid="account-connect-link">
          not connected — Connect
        </Link>
      ) : null}
    </div>
  );
}

const describe = (account: TradingAccount): string => (account.kind === 'paper' ? 'your paper account' : `${accountLabel(account)} (live)`);
