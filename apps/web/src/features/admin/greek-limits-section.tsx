'use client';

import { useQuery } from '@tanstack/react-query';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { GreekLimitEditor } from './greek-limit-editor.tsx';
import { GreekLimitsGrid } from './greek-limits-grid.tsx';
import layout from '../shell/layout.module.css';
import styles from './admin.module.css';

/** Per-account limits on net delta and vega per underlying, checked pre-trade by the engine. */
export function GreekLimitsSection() {
  const { api } = useAuth();
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const limits = useQuery({ queryKey: queryKeys.greekLimits, queryFn: () => api.admin.listGreekLimits() });
  const userList = users.data ?? [];
  return (
    <section className={styles.page} aria-labelledby="greek-limits-title">
      <h2 className={layout.title} id="greek-limits-title">
        Greek limits
      </h2>
      <GreekLimitEditor users={userList} />
      {limits.isError ? (
        <p role="alert">{errorMessage(limits.error)}</p>
      ) : limits.isPending ? (
        <p className={styles.muted}>Loading limits…</p>
      ) : (
        <GreekLimitsGrid limits={limits.data} users={userList} />
      )}
    </section>
  );
}
