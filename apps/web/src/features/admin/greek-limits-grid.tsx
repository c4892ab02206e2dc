'use client';

import { useMemo } from 'react';
import type { GreekLimitRecord } from '@strikedesk/domain';
import { DataGrid, type ColumnDef } from '@strikedesk/ui';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { accountNamer, adminAccounts } from './admin-accounts.ts';
import { istShortDateTimeText } from '@/lib/format/ist-time.ts';

/** `username` names the row for tests; `account` is what the admin reads ("alice — Kite desk"). */
type LimitRow = GreekLimitRecord & { username: string; account: string };

const limitText = (value: number | null): string => (value === null ? 'No limit' : new Intl.NumberFormat('en-IN').format(value));

const columns: ColumnDef<LimitRow>[] = [
  { id: 'user', header: 'Account', accessorFn: (row) => row.account },
  { id: 'underlying', header: 'Underlying', accessorFn: (row) => row.underlying },
  {
    id: 'delta',
    header: 'Max |delta| lots',
    meta: { align: 'right' },
    accessorFn: (row) => row.maxAbsDeltaLots ?? Number.POSITIVE_INFINITY,
    cell: ({ row }) => <span data-testid={`greek-limit-delta-${row.original.accountId}-${row.original.underlying}`}>{limitText(row.original.maxAbsDeltaLots)}</span>,
  },
  {
    id: 'vega',
    header: 'Max |vega| ₹/vol pt',
    meta: { align: 'right' },
    accessorFn: (row) => row.maxAbsVegaRupees ?? Number.POSITIVE_INFINITY,
    cell: ({ row }) => limitText(row.original.maxAbsVegaRupees),
  },
  { id: 'updated', header: 'Updated', accessorFn: (row) => row.updatedAt, cell: ({ row }) => istShortDateTimeText(row.original.updatedAt) },
];

export function GreekLimitsGrid({ limits, users }: { limits: readonly GreekLimitRecord[]; users: readonly AdminUser[] }) {
  const rows = useMemo(() => {
    const accounts = adminAccounts(users);
    const usernames = new Map(accounts.map((account) => [account.accountId, account.username]));
    const name = accountNamer(accounts);
    return limits.map((limit) => ({ ...limit, username: usernames.get(limit.accountId) ?? limit.accountId, account: name(limit.accountId) }));
  }, [limits, users]);
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => `${row.accountId}|${row.underlying}`}
      rowTestId={(row) => `greek-limit-row-${row.username}-${row.underlying}`}
      initialSorting={[{ id: 'user', desc: false }]}
      ariaLabel="Greek limits"
      emptyMessage="No Greek limits: every account may hold any net delta and vega."
      testId="greek-limits-grid"
    />
  );
}
