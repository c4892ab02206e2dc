'use client';

import { usePriceAlertNotifications } from '../alerts/use-price-alert-notifications.ts';
import { useEffect, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { LiveProvider } from '@/lib/live/live-context.tsx';
import { useAccountEvents } from '@/lib/queries/use-account-events.ts';
import { HaltBanner } from '../halts/halt-banner.tsx';
import { useSignalNotifications } from '../signals/use-signal-notifications.ts';
import { OrderTicketProvider } from '../order-ticket/order-ticket-context.tsx';
import { AppHeader } from './app-header.tsx';
import { LiveFeedBanner } from './live-feed-banner.tsx';
import { PasswordChangeBanner } from './password-change-banner.tsx';
import styles from './shell.module.css';

function AccountEvents() {
  useAccountEvents();
  useSignalNotifications();
  usePriceAlertNotifications();
  return null;
}

/** Everything behind login: redirects anonymous visitors, opens the live socket, hosts the ticket. */
export function TerminalShell({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const router = useRouter();

  useEffect(() => {
    if (state.status === 'anonymous') router.replace('/login');
  }, [state.status, router]);

  if (state.status !== 'authenticated') {
    return (
      <div className={styles.center} data-testid="session-pending">
        {state.status === 'loading' ? 'Restoring your session…' : 'Redirecting to login…'}
      </div>
    );
  }

  return (
    <LiveProvider>
      <AccountEvents />
      <OrderTicketProvider>
        <AppHeader />
        <HaltBanner />
        <LiveFeedBanner />
        {state.mustChangePassword ? <PasswordChangeBanner /> : null}
        <main className={styles.main}>{children}</main>
      </OrderTicketProvider>
    </LiveProvider>
  );
}
