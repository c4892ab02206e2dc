'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, CheckboxField, Dialog, DialogError, DialogFooter, TextField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import type { AdminPasswordReset, AdminUser } from '@/lib/api/gateway-api.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import layout from '../shell/layout.module.css';
import styles from './users.module.css';

/** Disabling logs the user out everywhere at once; said before, since it cuts off a trader mid-session. */
export function DisableUserDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const disable = useMutation({
    mutationFn: () => api.admin.setUserDisabled(user.userId, true),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers });
      toast.show({ kind: 'success', message: `Disabled ${user.username}: logged out everywhere` });
      onClose();
    },
    // A refusal often means another admin changed users meanwhile (LAST_ADMIN, USER_NOT_FOUND): show the list as it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers }),
  });
  return (
    <Dialog open title={`Disable ${user.username}?`} onClose={onClose} testId="user-disable-dialog">
      <div className={`${layout.stack} ${styles.dialogWidth}`}>
        <p>
          {user.username} is logged out of every browser and device at once, and cannot log in until an admin enables the account again. Their API keys stop
          working and their strategies&apos; alerts are recorded but not traded.
        </p>
        <p className={layout.muted}>Open orders and positions stay as they are: engage the account&apos;s kill switch to cancel or flatten them.</p>
        {disable.isError ? <DialogError testId="user-disable-error">{errorMessage(disable.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep enabled</Button>
          <Button variant="danger" disabled={disable.isPending} onClick={() => disable.mutate()} data-testid="user-disable-confirm">
            {disable.isPending ? 'Disabling…' : 'Disable user'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}

/** Confirms, then shows the generated one-time password — the only time anyone can see it. */
export function ResetPasswordDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  // Off by default: a forgotten password is no reason to stop a trader's programs; a compromised account is.
  const [revokeApiKeys, setRevokeApiKeys] = useState(false);
  const reset = useMutation({
    mutationFn: () => api.admin.resetUserPassword(user.userId, revokeApiKeys),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers }), queryClient.invalidateQueries({ queryKey: queryKeys.adminApiKeys })]),
  });
  // One dialog throughout: the password replaces the question inside it.
  const done = reset.data;
  return (
    <Dialog open title={done ? `New password for ${user.username}` : `Reset the password of ${user.username}?`} onClose={onClose} testId="user-reset-dialog">
      {done ? (
        <OneTimePassword reset={done} onClose={onClose} />
      ) : (
        <div className={`${layout.stack} ${styles.dialogWidth}`}>
          <p>
            A new password is generated and shown to you once. {user.username} is logged out everywhere now, logs in with it, and is asked to change it.
            {user.disabled ? ' The account stays disabled until you enable it.' : ''}
          </p>
          <CheckboxField
            label="Also revoke all of their API keys"
            hint="Their programs keep working through a password reset unless you revoke their keys: do so if the account may be compromised."
            checked={revokeApiKeys}
            onCheckedChange={setRevokeApiKeys}
            data-testid="user-reset-revoke-keys"
          />
          {reset.isError ? <DialogError testId="user-reset-error">{errorMessage(reset.error)}</DialogError> : null}
          <DialogFooter>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="danger" disabled={reset.isPending} onClick={() => reset.mutate()} data-testid="user-reset-confirm">
              {reset.isPending ? 'Resetting…' : 'Reset password'}
            </Button>
          </DialogFooter>
        </div>
      )}
    </Dialog>
  );
}

function OneTimePassword({ reset, onClose }: { reset: AdminPasswordReset; onClose: () => void }) {
  const toast = useToast();
  const copy = async () => {
    // The clipboard is missing outside secure contexts (plain http on another host): say so.
    try {
      await navigator.clipboard.writeText(reset.password);
      toast.show({ kind: 'success', message: 'Password copied.' });
    } catch {
      toast.show({ kind: 'warning', message: 'Could not copy: select the password and copy it yourself.' });
    }
  };
  return (
    <div className={`${layout.stack} ${styles.dialogWidth}`} data-testid="user-reset-result">
      <p className={styles.warning}>Copy it now and give it to {reset.user.username} privately: it is shown only this once. Only a hash of it is kept.</p>
      {reset.revokedApiKeys > 0 ? (
        <p data-testid="user-reset-revoked-keys">
          {reset.revokedApiKeys === 1 ? '1 API key' : `${reset.revokedApiKeys} API keys`} of theirs revoked: programs using them are refused from now on.
        </p>
      ) : null}
      <TextField
        label="One-time password"
        value={reset.password}
        readOnly
        className={styles.mono}
        onFocus={(event) => event.currentTarget.select()}
        data-testid="user-reset-password"
      />
      <DialogFooter>
        <Button onClick={() => void copy()} data-testid="user-reset-copy">
          Copy
        </Button>
        <Button variant="primary" onClick={onClose} data-testid="user-reset-done">
          Done
        </Button>
      </DialogFooter>
    </div>
  );
}
