'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@strikedesk/domain';
import { DataGrid, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { DisableUserDialog, ResetPasswordDialog } from './user-dialogs.tsx';
import { userColumns, type UserActions } from './users-columns.tsx';
import styles from './admin.module.css';

type Pending = { kind: 'disable' | 'reset'; user: AdminUser } | null;

/** Every user with their status; per row: role, disable/enable and password reset. */
export function UsersGrid() {
  const { api } = useAuth();
  const me = useSessionUser();
  const queryClient = useQueryClient();
  const toast = useToast();
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const data = useMemo(() => users.data ?? [], [users.data]);
  const [pending, setPending] = useState<Pending>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers });
  // Enabling and role changes apply straight away (no confirmation): each says what it did, or why not.
  const enable = useMutation({
    mutationFn: (user: AdminUser) => api.admin.setUserDisabled(user.userId, false),
    onSuccess: async (user) => {
      await refresh();
      toast.show({ kind: 'success', message: `Enabled ${user.username}: they can log in again` });
    },
    onError: (error) => toast.show({ kind: 'error', message: errorMessage(error) }),
  });
  const setRole = useMutation({
    mutationFn: ({ user, role }: { user: AdminUser; role: Role }) => api.admin.setUserRole(user.userId, role),
    onSuccess: async (user) => {
      await refresh();
      toast.show({ kind: 'success', message: `${user.username} is now ${user.role === 'admin' ? 'an' : 'a'} ${user.role}: logged out, they log in again with it` });
    },
    onError: async (error) => {
      // The select shows the user's role as the server has it, not the refused choice.
      await refresh();
      toast.show({ kind: 'error', message: errorMessage(error) });
    },
  });

  const busyUserId = enable.isPending ? enable.variables?.userId : setRole.isPending ? setRole.variables?.user.userId : undefined;
  const busyRole = setRole.isPending ? (setRole.variables?.role ?? null) : null;
  // `mutate` is stable across renders: the columns change only with who is busy.
  const { mutate: enableUser } = enable;
  const { mutate: changeRole } = setRole;
  const columns = useMemo(() => {
    const actions: UserActions = {
      disable: (user) => setPending({ kind: 'disable', user }),
      enable: (user) => enableUser(user),
      setRole: (user, role) => changeRole({ user, role }),
      resetPassword: (user) => setPending({ kind: 'reset', user }),
    };
    return userColumns(actions, me.userId, busyUserId === undefined ? null : { userId: busyUserId, role: busyRole });
  }, [enableUser, changeRole, me.userId, busyUserId, busyRole]);

  if (users.isError) return <p role="alert">{errorMessage(users.error)}</p>;
  if (users.isPending) return <p className={styles.muted}>Loading users…</p>;
  return (
    <>
      <DataGrid
        data={data}
        columns={columns}
        getRowId={(user) => user.userId}
        rowTestId={(user) => `user-row-${user.username}`}
        initialSorting={[{ id: 'username', desc: false }]}
        ariaLabel="Users"
        testId="admin-users-grid"
      />
      {pending?.kind === 'disable' ? <DisableUserDialog user={pending.user} onClose={() => setPending(null)} /> : null}
      {pending?.kind === 'reset' ? <ResetPasswordDialog user={pending.user} onClose={() => setPending(null)} /> : null}
    </>
  );
}
