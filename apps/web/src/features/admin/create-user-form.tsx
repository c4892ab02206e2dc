'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateUserInputSchema, ROLES, type CreateUserInput, type Role } from '@strikedesk/domain';
import { Button, SelectField, TextField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import styles from './admin.module.css';

const roleOptions = ROLES.map((role) => ({ value: role, label: role }));

export function CreateUserForm() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('trader');
  const [problem, setProblem] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (input: CreateUserInput) => api.admin.createUser(input),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.adminUsers });
      toast.show({ kind: 'success', message: `Created ${user.role} ${user.username}` });
      setUsername('');
      setPassword('');
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateUserInputSchema.safeParse({ username, password, role });
    if (!parsed.success) {
      setProblem(parsed.error.issues.map((issue) => issue.message).join(' '));
      return;
    }
    setProblem(null);
    create.mutate(parsed.data);
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Create user" noValidate>
      <TextField label="Username" autoComplete="off" value={username} onValueChange={setUsername} data-testid="admin-username" />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={password}
        onValueChange={setPassword}
        hint="At least 10 characters"
        data-testid="admin-password"
      />
      <SelectField label="Role" value={role} options={roleOptions} onValueChange={setRole} data-testid="admin-role" />
      <Button type="submit" variant="primary" disabled={create.isPending} data-testid="admin-create-submit">
        {create.isPending ? 'Creating…' : 'Create user'}
      </Button>
      {problem ? (
        <p className={styles.error} role="alert" data-testid="admin-create-error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
