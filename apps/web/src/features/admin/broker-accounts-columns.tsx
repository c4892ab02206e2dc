'use client';

import { logsInThroughKite, type BrokerAccount } from '@strikedesk/domain';
import { Badge, Button, type ColumnDef } from '@strikedesk/ui';
import { BROKER_LABELS, CONNECTION_LABELS, CONNECTION_TONES, formatWhen, reconciliationText } from './broker-accounts-text.ts';
import styles from './broker-accounts.module.css';

export type BrokerAccountActions = {
  edit(account: BrokerAccount): void;
  toggle(account: BrokerAccount): void;
  traders(account: BrokerAccount): void;
  remove(account: BrokerAccount): void;
  /** Kite-speaking accounts: off to the broker's login page, back to Admin with the outcome. */
  connect(account: BrokerAccount): void;
  /** XTS accounts: a new login with the stored keys. */
  reconnect(account: BrokerAccount): void;
  disconnect(account: BrokerAccount): void;
  /** Makes the account's feed the market (null: back to the simulated market); applies at the engine's next start. */
  marketData(account: BrokerAccount | null): void;
};

/** A session the engine holds, or tried to: worth logging out of. */
const hasSession = (account: BrokerAccount): boolean => account.connection === 'CONNECTED' || account.connection === 'SESSION_EXPIRED' || account.connection === 'ERROR';

/** The list of broker accounts: what is configured, and what the engine last reported about it. */
export function brokerAccountColumns(actions: BrokerAccountActions, usernames: (traderIds: string[]) => string): ColumnDef<BrokerAccount>[] {
  return [
    { id: 'name', header: 'Name', accessorFn: (account) => account.name },
    { id: 'broker', header: 'Broker', accessorFn: (account) => BROKER_LABELS[account.broker] },
    {
      id: 'connection',
      header: 'Status',
      accessorFn: (account) => CONNECTION_LABELS[account.connection],
      cell: ({ row }) => (
        <div className={styles.status}>
          <Badge tone={CONNECTION_TONES[row.original.connection]} testId={`broker-account-status-${row.original.name}`}>
            {CONNECTION_LABELS[row.original.connection]}
          </Badge>
          {row.original.statusMessage ? <span className={styles.statusMessage}>{row.original.statusMessage}</span> : null}
        </div>
      ),
    },
    {
      id: 'marketData',
      header: 'Market data',
      accessorFn: (account) => (account.marketData ? 1 : 0),
      cell: ({ row }) => {
        const account = row.original;
        if (account.marketData) {
          return (
            <div className={styles.status}>
              <Badge tone="info" testId={`broker-account-market-data-${account.name}`}>
                Market source
              </Badge>
              {account.marketDataStatus ? <span className={styles.statusMessage}>{account.marketDataStatus}</span> : <span className={styles.statusMessage}>Applies when the engine next starts.</span>}
              <Button size="small" onClick={() => actions.marketData(null)} data-testid={`broker-account-market-data-off-${account.name}`}>
                Use simulated market
              </Button>
            </div>
          );
        }
        // A simulated XTS has no market-data server to stream from.
        if (account.broker === 'SIMULATED_XTS') return null;
        return (
          <Button size="small" onClick={() => actions.marketData(account)} data-testid={`broker-account-market-data-on-${account.name}`}>
            Use for market data
          </Button>
        );
      },
    },
    { id: 'lastTick', header: 'Last tick', accessorFn: (account) => account.lastTickAt ?? 0, cell: ({ row }) => formatWhen(row.original.lastTickAt) },
    {
      id: 'reconciliation',
      header: 'Last reconciliation',
      enableSorting: false,
      cell: ({ row }) => {
        const { lastReconciledAt, lastReconciliation } = row.original;
        return lastReconciledAt === null ? 'Not yet' : `${reconciliationText(lastReconciliation)} · ${formatWhen(lastReconciledAt)}`;
      },
    },
    {
      id: 'traders',
      header: 'Traders',
      enableSorting: false,
      cell: ({ row }) => <span data-testid={`broker-account-traders-list-${row.original.name}`}>{usernames(row.original.traderIds) || 'None'}</span>,
    },
    {
      id: 'enabled',
      header: 'Enabled',
      accessorFn: (account) => (account.enabled ? 1 : 0),
      cell: ({ row }) => (
        <Badge tone={row.original.enabled ? 'success' : 'neutral'} testId={`broker-account-enabled-${row.original.name}`}>
          {row.original.enabled ? 'Enabled' : 'Disabled'}
        </Badge>
      ),
    },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: ({ row }) => {
        const account = row.original;
        return (
          <div className={styles.actions}>
            {logsInThroughKite(account.broker) ? (
              <Button size="small" variant="primary" disabled={!account.enabled} onClick={() => actions.connect(account)} data-testid={`broker-account-connect-${account.name}`}>
                Connect
              </Button>
            ) : account.connection === 'CONNECTED' ? null : (
              <Button size="small" variant="primary" disabled={!account.enabled} onClick={() => actions.reconnect(account)} data-testid={`broker-account-reconnect-${account.name}`}>
                Reconnect
              </Button>
            )}
            {hasSession(account) ? (
              <Button size="small" onClick={() => actions.disconnect(account)} data-testid={`broker-account-disconnect-${account.name}`}>
                Disconnect
              </Button>
            ) : null}
            <Button size="small" onClick={() => actions.edit(account)} data-testid={`broker-account-edit-${account.name}`}>
              Edit…
            </Button>
            <Button size="small" onClick={() => actions.toggle(account)} data-testid={`broker-account-toggle-${account.name}`}>
              {account.enabled ? 'Disable' : 'Enable'}
            </Button>
            <Button size="small" onClick={() => actions.traders(account)} data-testid={`broker-account-traders-${account.name}`}>
              Traders…
            </Button>
            <Button size="small" variant="danger" onClick={() => actions.remove(account)} data-testid={`broker-account-remove-${account.name}`}>
              Remove…
            </Button>
          </div>
        );
      },
    },
  ];
}
