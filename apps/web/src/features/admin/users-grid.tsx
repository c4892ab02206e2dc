'use client';

import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, DataGrid, type ColumnDef } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import styles from './admin.module.css';

const dateFormat = new Intl.DateTimeFormat('en-IN', { dateStyle: 'medium', timeStyle: 'short' });

const columns: ColumnDef<AdminUser>[] = [
  { id: 'username', header: 'Username', accessorFn: (user) => user.username },
  {
    id: 'role',
    header: 'Role',
    accessorFn: (user) => user.role,
    cell: ({ row }) => <Badge tone={row.original.role === 'admin' ? 'warning' : 'info'}>{row.original.role}</Badge>,
  },
  { id: 'accountId', header: 'Account', accessorFn: (user) => user.accountId },
  {
    id: 'createdAt',
    header: 'Created',
    accessorFn: (user) => new Date(user.createdAt).getTime(),
    cell: ({ row }) => dateFormat.format(new Date(row.original.createdAt)),
  },
];

export function UsersGrid() {
  const { api } = useAuth();
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const data = useMemo(() => users.data ?? [], [users.data]);
  if (users.isError) return <p role="alert">{errorMessage(users.error)}</p>;
  if (users.isPending) return <p className={styles.muted}>Loading users…</p>;
  return (
    <DataGrid
      data={data}
      columns={columns}
      getRowId={(user) => user.userId}
      rowTestId={(user) => `user-row-${user.username}`}
      initialSorting={[{ id: 'username', desc: false }]}
      ariaLabel="Users"
      testId="admin-users-grid"
    />
  );
}
