'use client';

import { useState, type FormEvent } from 'react';
import { ChangePasswordInputSchema } from '@strikedesk/domain';
import { Button, TextField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

export function ChangePasswordForm() {
  const { changePassword } = useAuth();
  const toast = useToast();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (newPassword !== confirmation) {
      setProblem('The new password and its confirmation differ.');
      return;
    }
    const parsed = ChangePasswordInputSchema.safeParse({ currentPassword, newPassword });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => issue.message).join(' '));
      return;
    }
    setProblem(null);
    setSubmitting(true);
    try {
      await changePassword(parsed.data);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      toast.show({ kind: 'success', message: 'Password changed. Your other sessions were signed out.' });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <form className={`${layout.panel} ${styles.narrow}`} onSubmit={submit} aria-labelledby="change-password-title" noValidate>
      <h2 id="change-password-title" className={layout.panelTitle}>
        Change password
      </h2>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onValueChange={setCurrentPassword}
        data-testid="settings-current-password"
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onValueChange={setNewPassword}
        hint="At least 10 characters"
        data-testid="settings-new-password"
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={confirmation}
        onValueChange={setConfirmation}
        data-testid="settings-confirm-password"
      />
      {problem ? (
        <p className={layout.error} role="alert" data-testid="settings-password-error">
          {problem}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={submitting} data-testid="settings-password-submit">
        {submitting ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
