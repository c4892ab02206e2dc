'use client';

import { errorMessage } from '@/lib/api/api-error.ts';
import { useNotificationSettings } from '@/lib/queries/use-notification-settings.ts';
import { NotificationsForm } from './notifications-form.tsx';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

/** Where the user's signal outcomes are sent besides the terminal: their own Telegram chat. */
export function NotificationsSection() {
  const settings = useNotificationSettings();
  return (
    <section className={`${layout.panel} ${styles.narrow}`} aria-labelledby="notifications-title" data-testid="notifications-section">
      <h2 id="notifications-title" className={layout.panelTitle}>
        Notifications
      </h2>
      <p className={layout.muted}>Your strategies&apos; signals can also reach your phone, as Telegram messages.</p>
      {settings.isError ? (
        <p className={layout.error} role="alert">
          {errorMessage(settings.error)}
        </p>
      ) : !settings.data ? (
        <p className={layout.muted}>Loading…</p>
      ) : (
        <NotificationsForm saved={settings.data} />
      )}
    </section>
  );
}
