'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BrokerAccount } from '@strikedesk/domain';
import { Button, DataGrid, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { BrokerLoginNotice } from '../brokers/broker-login-notice.tsx';
import { useBrokerConnection } from '../brokers/use-broker-connection.ts';
import { useBrokerLoginResult } from '../brokers/use-broker-login-result.ts';
import { BrokerAccountDialog } from './broker-account-dialog.tsx';
import { BrokerAccountDisableDialog } from './broker-account-disable-dialog.tsx';
import { BrokerAccountRemoveDialog } from './broker-account-remove-dialog.tsx';
import { BrokerAccountTradersDialog } from './broker-account-traders-dialog.tsx';
import { brokerAccountColumns } from './broker-accounts-columns.tsx';
import layout from '../shell/layout.module.css';

/** The engine writes connection status and reconciliation results; nothing pushes them to admins yet: poll. */
const POLL_MS = 10_000;

type Open = { kind: 'add' } | { kind: 'edit' | 'traders' | 'remove' | 'disable'; account: BrokerAccount } | null;

/** Broker accounts: add / edit (secrets write-only), enable, assign traders, connect (Kite login), remove. */
export function BrokerAccountsSection() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const accounts = useQuery({ queryKey: queryKeys.adminBrokerAccounts, queryFn: () => api.admin.brokerAccounts.list(), refetchInterval: POLL_MS });
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const [open, setOpen] = useState<Open>(null);
  const [loginResult, dismissLoginResult] = useBrokerLoginResult();
  const { connect, reconnect, disconnect } = useBrokerConnection('admin');
  const { mutate: startLogin } = connect;
  const { mutate: logInAgain } = reconnect;
  const { mutate: logOut } = disconnect;
  // Enabling applies at once; disabling is asked first (BrokerAccountDisableDialog).
  const { mutate: enableAccount } = useMutation({
    mutationFn: (account: BrokerAccount) => api.admin.brokerAccounts.setEnabled(account.id, true),
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts });
      toast.show({ kind: 'success', message: `${account.name} enabled` });
    },
    onError: (error) => toast.show({ kind: 'error', message: errorMessage(error) }),
  });

  const { mutate: chooseMarketData } = useMutation({
    mutationFn: (account: BrokerAccount | null) => api.admin.brokerAccounts.setMarketDataSource(account?.id ?? null),
    onSuccess: async (_accounts, account) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.adminBrokerAccounts });
      const source = account ? `${account.name}'s feed` : 'the simulated market';
      toast.show({ kind: 'success', message: `Market data: ${source} from the engine's next start.` });
    },
    onError: (error) => toast.show({ kind: 'error', message: errorMessage(error) }),
  });

  const userList = useMemo(() => users.data ?? [], [users.data]);
  const traderNames = useMemo(() => {
    const names = new Map(userList.map((user) => [user.userId, user.username]));
    return (traderIds: readonly string[]) => traderIds.map((id) => names.get(id) ?? id).sort().join(', ');
  }, [userList]);
  const columns = useMemo(() => {
    return brokerAccountColumns(
      {
        edit: (account) => setOpen({ kind: 'edit', account }),
        toggle: (account) => (account.enabled ? setOpen({ kind: 'disable', account }) : enableAccount(account)),
        traders: (account) => setOpen({ kind: 'traders', account }),
        remove: (account) => setOpen({ kind: 'remove', account }),
        connect: (account) => startLogin(account.id),
        reconnect: (account) => logInAgain(account.id),
        disconnect: (account) => logOut(account.id),
        marketData: (account) => chooseMarketData(account),
      },
      traderNames,
    );
  }, [traderNames, enableAccount, startLogin, logInAgain, logOut, chooseMarketData]);
  const data = useMemo(() => accounts.data ?? [], [accounts.data]);
  const close = () => setOpen(null);

  return (
    <section className={layout.page} aria-labelledby="broker-accounts-title" data-testid="broker-accounts-section">
      <div className={layout.titleRow}>
        <h2 className={layout.title} id="broker-accounts-title">
          Broker accounts
        </h2>
        <Button size="small" variant="primary" onClick={() => setOpen({ kind: 'add' })} data-testid="broker-account-add">
          Add broker account…
        </Button>
      </div>
      <p className={layout.muted}>
        Zerodha (Kite Connect) and XTS accounts the engine trades through. Secrets are encrypted at rest and never shown again; status, last tick
        and reconciliation are what the engine last reported. One account can supply the market data (quotes, charts and paper fills for
        everyone) instead of the simulator: its feed streams with its trader&apos;s broker login, and the choice applies when the engine next
        starts.
      </p>
      {loginResult ? (
        <BrokerLoginNotice
          result={loginResult}
          accountName={data.find((account) => account.id === loginResult.brokerAccountId)?.name ?? null}
          onDismiss={dismissLoginResult}
        />
      ) : null}
      {accounts.isError ? (
        <p className={layout.error} role="alert">
          {errorMessage(accounts.error)}
        </p>
      ) : (
        <DataGrid
          data={data}
          columns={columns}
          getRowId={(account) => account.id}
          rowTestId={(account) => `broker-account-row-${account.name}`}
          initialSorting={[{ id: 'name', desc: false }]}
          ariaLabel="Broker accounts"
          emptyMessage={accounts.isPending ? 'Loading…' : 'No broker account yet: the terminal trades on the paper broker.'}
          testId="broker-accounts-grid"
        />
      )}
      {open?.kind === 'add' ? <BrokerAccountDialog account={null} onClose={close} /> : null}
      {open?.kind === 'edit' ? <BrokerAccountDialog account={open.account} onClose={close} /> : null}
      {open?.kind === 'traders' ? <BrokerAccountTradersDialog account={open.account} accounts={data} users={userList} onClose={close} /> : null}
      {open?.kind === 'remove' ? <BrokerAccountRemoveDialog account={open.account} onClose={close} /> : null}
      {open?.kind === 'disable' ? <BrokerAccountDisableDialog account={open.account} traderNames={traderNames(open.account.traderIds)} onClose={close} /> : null}
    </section>
  );
}
