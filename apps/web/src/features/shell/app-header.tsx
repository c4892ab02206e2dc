'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { canAdminister } from '@strikedesk/domain';
import { Badge, Button, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { AccountSwitcher } from '../brokers/account-switcher.tsx';
import { KillSwitchButton } from '../halts/kill-switch-button.tsx';
import { ConnectionIndicator } from './connection-indicator.tsx';
import { MarketSessionIndicator } from './market-session-indicator.tsx';
import styles from './shell.module.css';

const LINKS = [
  { href: '/', label: 'Market watch', testId: 'nav-market-watch' },
  { href: '/chain', label: 'Option chain', testId: 'nav-chain' },
  { href: '/orders', label: 'Orders', testId: 'nav-orders' },
  { href: '/positions', label: 'Positions', testId: 'nav-positions' },
  { href: '/portfolios', label: 'Portfolios', testId: 'nav-portfolios' },
  { href: '/strategies', label: 'Strategies', testId: 'nav-strategies' },
  { href: '/signals', label: 'Signals', testId: 'nav-signals' },
  { href: '/settings', label: 'Settings', testId: 'nav-settings' },
] as const;

export function AppHeader() {
  const user = useSessionUser();
  const { logout } = useAuth();
  const toast = useToast();
  const pathname = usePathname();
  const links = canAdminister(user.role) ? [...LINKS, { href: '/admin', label: 'Admin', testId: 'nav-admin' }] : LINKS;

  const onLogout = () =>
    logout().catch((error: unknown) =>
      toast.show({ kind: 'warning', message: `Signed out here, but the server did not confirm: ${errorMessage(error)}` }),
    );

  return (
    <header className={styles.header}>
      <span className={styles.brand}>STRIKEDESK</span>
      <nav className={styles.nav} aria-label="Main">
        {links.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className={styles.link}
            aria-current={pathname === link.href ? 'page' : undefined}
            data-testid={link.testId}
          >
            {link.label}
          </Link>
        ))}
      </nav>
      <AccountSwitcher />
      <MarketSessionIndicator />
      <ConnectionIndicator />
      <KillSwitchButton />
      <div className={styles.user}>
        <span data-testid="user-name">{user.username}</span>
        <Badge tone={user.role === 'admin' ? 'warning' : user.role === 'viewer' ? 'neutral' : 'info'} testId="user-role">
          {user.role}
        </Badge>
        <Button size="small" onClick={onLogout} data-testid="logout-button">
          Log out
        </Button>
      </div>
    </header>
  );
}
