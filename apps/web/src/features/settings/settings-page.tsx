'use client';

import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { ApiKeysSection } from './api-keys-section.tsx';
import { BrokerSection } from './broker-section.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { MyRiskLimits } from './my-risk-limits.tsx';
import { NotificationsSection } from './notifications-section.tsx';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

export function SettingsPage() {
  const user = useSessionUser();
  return (
    <section className={styles.page} aria-labelledby="settings-title">
      <h1 id="settings-title" className={layout.title}>
        Settings
      </h1>
      <p className={layout.muted}>
        Signed in as <strong>{user.username}</strong> ({user.role}).
      </p>
      <BrokerSection />
      <ChangePasswordForm />
      <MyRiskLimits />
      <NotificationsSection />
      <ApiKeysSection />
    </section>
  );
}
