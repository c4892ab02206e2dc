'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { Button, TextField } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import styles from './login.module.css';

export function LoginForm() {
  const { state, login } = useAuth();
  const router = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (state.status === 'authenticated') router.replace('/');
  }, [state.status, router]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem('Enter your username and password.');
      return;
    }
    setSubmitting(true);
    setProblem(null);
    try {
      await login({ username: username.trim().toLowerCase(), password });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title" className={styles.title}>
          Strikedesk
        </h1>
        <p className={styles.subtitle}>Sign in to the trading terminal</p>
        <TextField label="Username" autoComplete="username" value={username} onValueChange={setUsername} data-testid="login-username" />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
          data-testid="login-password"
        />
        {problem ? (
          <p className={styles.error} role="alert" data-testid="login-error">
            {problem}
          </p>
        ) : null}
        <Button type="submit" variant="primary" disabled={submitting || state.status === 'loading'} data-testid="login-submit">
          {submitting ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
