'use client';

import { useEffect, useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TradingHalt } from '@strikedesk/domain';
import { useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useLive } from '@/lib/live/live-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { rememberHalt } from '@/lib/queries/use-active-halts.ts';
import { accountNamer, adminAccounts } from './admin-accounts.ts';
import { AdminKillSwitch } from './admin-kill-switch.tsx';
import { HaltsGrid } from './halts-grid.tsx';
import { ReleaseHaltDialog } from './release-halt-dialog.tsx';
import layout from '../shell/layout.module.css';
import styles from './admin.module.css';

/** Other accounts' halts are not pushed to an admin's socket (only their own and global ones): poll. */
const POLL_MS = 5_000;
const RECENT_LIMIT = 50;

/** Kill switches, reconciliation blocks and daily-loss stops: what is active, what happened, release and engage. */
export function HaltsSection() {
  const { api } = useAuth();
  const me = useSessionUser();
  const { socket } = useLive();
  const queryClient = useQueryClient();
  const toast = useToast();
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const active = useQuery({ queryKey: queryKeys.adminActiveHalts, queryFn: () => api.admin.activeHalts(), refetchInterval: POLL_MS });
  const recent = useQuery({ queryKey: queryKeys.adminRecentHalts, queryFn: () => api.admin.recentHalts({ limit: RECENT_LIMIT }), refetchInterval: POLL_MS });
  const [releasing, setReleasing] = useState<TradingHalt | null>(null);
  const userList = useMemo(() => users.data ?? [], [users.data]);
  const accounts = useMemo(() => adminAccounts(userList), [userList]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.adminHalts });

  useEffect(() => {
    if (!socket) return;
    const onHalt = () => void queryClient.invalidateQueries({ queryKey: queryKeys.adminHalts });
    socket.on('halt', onHalt);
    return () => {
      socket.off('halt', onHalt);
    };
  }, [socket, queryClient]);

  const accountLabel = (halt: TradingHalt): string => (halt.accountId === null ? 'every account' : accountNamer(accounts)(halt.accountId));

  return (
    <section className={styles.page} aria-labelledby="halts-title" data-testid="halts-section">
      <h2 className={layout.title} id="halts-title">
        Trading halts
      </h2>
      <AdminKillSwitch
        accounts={accounts}
        onEngaged={(halt) => {
          // The admin's own banner too, when the halt covers them (global, or their own account).
          rememberHalt(queryClient, halt, me.accountId);
          toast.show({ kind: 'warning', message: `Kill switch engaged: ${accountLabel(halt)}` });
          refresh();
        }}
      />
      <h3 className={layout.subtitle}>Active</h3>
      {active.isError ? (
        <p role="alert">{errorMessage(active.error)}</p>
      ) : (
        <HaltsGrid
          halts={active.data ?? []}
          users={userList}
          onRelease={setReleasing}
          ariaLabel="Active halts"
          emptyMessage={active.isPending ? 'Loading…' : 'No halt: every account may trade.'}
          testId="active-halts"
        />
      )}
      <h3 className={layout.subtitle}>Recent (last {RECENT_LIMIT})</h3>
      {recent.isError ? (
        <p role="alert">{errorMessage(recent.error)}</p>
      ) : (
        <HaltsGrid
          halts={recent.data ?? []}
          users={userList}
          onRelease={null}
          ariaLabel="Recent halts"
          emptyMessage={recent.isPending ? 'Loading…' : 'No halt so far.'}
          testId="recent-halts"
        />
      )}
      {releasing ? (
        <ReleaseHaltDialog
          halt={releasing}
          accountLabel={accountLabel(releasing)}
          onReleased={(halt) => {
            rememberHalt(queryClient, halt, me.accountId);
            toast.show({ kind: 'success', message: `Halt #${halt.id} released: trading resumes for ${accountLabel(halt)}` });
            refresh();
          }}
          onClose={() => setReleasing(null)}
        />
      ) : null}
    </section>
  );
}
