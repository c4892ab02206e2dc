'use client';

import { canAdminister } from '@strikedesk/domain';
import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { AdminApiKeysSection } from './admin-api-keys-section.tsx';
import { BrokerAccountsSection } from './broker-accounts-section.tsx';
import { CreateUserForm } from './create-user-form.tsx';
import { GreekLimitsSection } from './greek-limits-section.tsx';
import { HaltsSection } from './halts-section.tsx';
import { RiskLimitsSection } from './risk-limits-section.tsx';
import { UsersGrid } from './users-grid.tsx';
import layout from '../shell/layout.module.css';
import styles from './admin.module.css';

export function AdminPage() {
  const user = useSessionUser();
  if (!canAdminister(user.role)) {
    return (
      <p role="alert" data-testid="admin-forbidden">
        Only administrators can manage users.
      </p>
    );
  }
  return (
    <div className={styles.page}>
      <h1 className={layout.title}>Users</h1>
      <CreateUserForm />
      <UsersGrid />
      <BrokerAccountsSection />
      <HaltsSection />
      <RiskLimitsSection />
      <GreekLimitsSection />
      <AdminApiKeysSection />
    </div>
  );
}
