'use client';

import { ROLES, type Role } from '@strikedesk/domain';
import { Badge, Button, type ColumnDef } from '@strikedesk/ui';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import styles from './users.module.css';
import { istShortDateTimeText } from '@/lib/format/ist-time.ts';


export type UserActions = {
  /** Asks for confirmation first (the user is logged out everywhere at once). */
  disable(user: AdminUser): void;
  enable(user: AdminUser): void;
  setRole(user: AdminUser, role: Role): void;
  /** Asks for confirmation first, then shows the one-time password once. */
  resetPassword(user: AdminUser): void;
};

/** A row whose change is on its way (its controls disabled meanwhile), with the role it is being given. */
export type BusyUser = { userId: string; role: Role | null } | null;

/**
 * `selfId`: the signed-in admin. They cannot disable or demote themselves (the server refuses it
 * too: ADMIN_SELF_LOCKOUT), and change their own password in Settings rather than resetting it.
 */
export function userColumns(actions: UserActions, selfId: string, busy: BusyUser): ColumnDef<AdminUser>[] {
  return [
    { id: 'username', header: 'Username', accessorFn: (user) => user.username },
    {
      id: 'role',
      header: 'Role',
      accessorFn: (user) => user.role,
      cell: ({ row }) => {
        const user = row.original;
        const self = user.userId === selfId;
        const changing = busy?.userId === user.userId;
        return (
          <select
            className={styles.roleSelect}
            value={changing && busy.role ? busy.role : user.role}
            aria-label={`Role of ${user.username}`}
            title={self ? 'You cannot change your own role: ask another admin.' : 'Changing the role logs the user out; they log in again with the new role.'}
            disabled={self || changing}
            onChange={(event) => {
              const role = ROLES.find((candidate) => candidate === event.target.value);
              if (role && role !== user.role) actions.setRole(user, role);
            }}
            data-testid={`user-role-${user.username}`}
          >
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        );
      },
    },
    {
      id: 'status',
      header: 'Status',
      accessorFn: (user) => (user.disabled ? 1 : 0),
      cell: ({ row }) => {
        const user = row.original;
        return (
          <span className={styles.status}>
            {user.disabled ? (
              <Badge tone="danger" testId={`user-status-${user.username}`} title={user.disabledAt === null ? undefined : `Disabled ${istShortDateTimeText(user.disabledAt)}`}>
                Disabled
              </Badge>
            ) : (
              <Badge tone="success" testId={`user-status-${user.username}`}>
                Active
              </Badge>
            )}
            {user.mustChangePassword ? (
              <Badge tone="warning" testId={`user-must-change-${user.username}`} title="Logs in with a generated password and is asked to change it.">
                Must change password
              </Badge>
            ) : null}
          </span>
        );
      },
    },
    { id: 'accountId', header: 'Account', accessorFn: (user) => user.accountId },
    {
      id: 'createdAt',
      header: 'Created',
      accessorFn: (user) => new Date(user.createdAt).getTime(),
      cell: ({ row }) => istShortDateTimeText(new Date(row.original.createdAt).getTime()),
    },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      cell: ({ row }) => {
        const user = row.original;
        const self = user.userId === selfId;
        const rowBusy = busy?.userId === user.userId;
        return (
          <div className={styles.actions}>
            {user.disabled ? (
              <Button size="small" variant="primary" disabled={rowBusy} onClick={() => actions.enable(user)} data-testid={`user-enable-${user.username}`}>
                Enable
              </Button>
            ) : (
              <Button
                size="small"
                variant="danger"
                disabled={self || rowBusy}
                title={self ? 'You cannot disable your own account.' : undefined}
                onClick={() => actions.disable(user)}
                data-testid={`user-disable-${user.username}`}
              >
                Disable…
              </Button>
            )}
            <Button
              size="small"
              disabled={self || rowBusy}
              title={self ? 'Change your own password in Settings.' : undefined}
              onClick={() => actions.resetPassword(user)}
              data-testid={`user-reset-${user.username}`}
            >
              Reset password…
            </Button>
          </div>
        );
      },
    },
  ];
}
