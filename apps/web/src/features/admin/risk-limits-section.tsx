'use client';

import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { SelectField, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { accountOptions, adminAccounts } from './admin-accounts.ts';
import { RiskLimitsEditor } from './risk-limits-editor.tsx';
import { RiskLimitsHistory } from './risk-limits-history.tsx';
import layout from '../shell/layout.module.css';
import styles from './admin.module.css';
import { istShortDateTimeText } from '@/lib/format/ist-time.ts';


/** Per-account pre-trade limits, versioned: each save is a new version; every order records the one it met. */
export function RiskLimitsSection() {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const [accountId, setAccountId] = useState('');
  const history = useQuery({
    queryKey: queryKeys.adminRiskLimitsHistory(accountId),
    queryFn: () => api.admin.riskLimitsHistory(accountId),
    enabled: accountId !== '',
  });
  const userList = useMemo(() => users.data ?? [], [users.data]);
  const usernames = useMemo(() => new Map(userList.map((user) => [user.userId, user.username])), [userList]);
  const options = useMemo(() => accountOptions(adminAccounts(userList)), [userList]);
  const current = history.data?.[0];
  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.adminRiskLimitsHistory(accountId) });

  return (
    <section className={styles.page} aria-labelledby="risk-limits-title" data-testid="risk-limits-section">
      <h2 className={layout.title} id="risk-limits-title">
        Risk limits
      </h2>
      <SelectField label="Account" value={accountId} options={options} onValueChange={setAccountId} className={styles.narrow} data-testid="risk-limits-account" />
      {accountId === '' ? null : history.isError ? (
        <p role="alert">{errorMessage(history.error)}</p>
      ) : !current ? (
        <p className={styles.muted}>Loading limits…</p>
      ) : (
        <>
          <p className={styles.muted} data-testid="risk-limits-current">
            Version <strong data-testid="risk-limits-current-version">{current.version}</strong>
            {current.version === 0
              ? ' — the engine defaults (no admin has set limits for this account).'
              : ` — saved ${istShortDateTimeText(current.changedAt)} by ${usernames.get(current.changedBy ?? '') ?? current.changedBy}${current.comment ? `: “${current.comment}”` : '.'}`}
          </p>
          {/* Keyed by version: a reload after someone else's save shows their values to change again. */}
          <RiskLimitsEditor
            key={`${accountId}:${current.version}`}
            current={current}
            onReload={reload}
            onSaved={(saved) => {
              toast.show({ kind: 'success', message: `Risk limits saved as version ${saved.version}` });
              reload();
            }}
          />
          <RiskLimitsHistory versions={history.data ?? []} usernames={usernames} />
        </>
      )}
    </section>
  );
}
