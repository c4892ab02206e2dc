'use client';

import type { ApiKey, TradingAccount } from '@strikedesk/domain';
import { Badge, Button, type ColumnDef } from '@strikedesk/ui';
import styles from './settings.module.css';
import { istShortDateTimeText } from '@/lib/format/ist-time.ts';
import { accountLabel } from '../brokers/trading-account-text.ts';

/** How a key is recognised in lists: its public prefix, the secret elided. */
export const maskedApiKey = (apiKey: Pick<ApiKey, 'prefix'>): string => `sdk_${apiKey.prefix}_…`;

/** The account a key acts on, as the header names it; "…" until the user's accounts are loaded. */
const keyAccountText = (apiKey: Pick<ApiKey, 'accountId'>, accounts: readonly TradingAccount[]): string => {
  const account = accounts.find((candidate) => candidate.id === apiKey.accountId);
  return account ? accountLabel(account) : '…';
};

/** The columns of a key list: the trader's own (Settings) or every user's (Admin, which adds an owner column in front). */
export function apiKeyColumns<K extends ApiKey>(onRevoke: (apiKey: K) => void, accounts: readonly TradingAccount[]): ColumnDef<K>[] {
  return [
    { id: 'name', header: 'Name', accessorFn: (apiKey) => apiKey.name },
    {
      id: 'account',
      header: 'Account',
      // Named in the cell, not by the accessor: the grid caches accessor values per row while the
      // data stays the same, so a name computed before the accounts had loaded stayed "…".
      accessorFn: (apiKey) => apiKey.accountId,
      cell: ({ row }) => keyAccountText(row.original, accounts),
    },
    {
      id: 'key',
      header: 'Key',
      enableSorting: false,
      cell: ({ row }) => <code className={styles.mono}>{maskedApiKey(row.original)}</code>,
    },
    {
      id: 'scopes',
      header: 'Scopes',
      accessorFn: (apiKey) => apiKey.scopes.join(' '),
      cell: ({ row }) => (
        <span className={styles.badges}>
          {row.original.scopes.map((scope) => (
            <Badge key={scope} tone={scope === 'trade' ? 'warning' : 'info'}>
              {scope}
            </Badge>
          ))}
        </span>
      ),
    },
    { id: 'created', header: 'Created', accessorFn: (apiKey) => apiKey.createdAt, cell: ({ row }) => istShortDateTimeText(row.original.createdAt) },
    {
      id: 'lastUsed',
      header: 'Last used',
      accessorFn: (apiKey) => apiKey.lastUsedAt ?? 0,
      cell: ({ row }) => (row.original.lastUsedAt === null ? 'never' : istShortDateTimeText(row.original.lastUsedAt)),
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (apiKey) => apiKey.revokedAt ?? Number.POSITIVE_INFINITY,
      cell: ({ row }) => {
        const apiKey = row.original;
        if (apiKey.revokedAt !== null) return <Badge>revoked {istShortDateTimeText(apiKey.revokedAt)}</Badge>;
        return (
          <span className={styles.badges}>
            <Badge tone="success">active</Badge>
            <Button size="small" variant="danger" onClick={() => onRevoke(apiKey)} data-testid={`api-key-revoke-${apiKey.prefix}`}>
              Revoke…
            </Button>
          </span>
        );
      },
    },
  ];
}
