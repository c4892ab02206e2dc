import Link from 'next/link';
import styles from './shell.module.css';

/** Shown while the user still has the password generated for them on first start. */
export function PasswordChangeBanner() {
  return (
    <div className={styles.banner} role="status" data-testid="must-change-password-banner">
      You are signed in with a generated one-time password. <Link href="/settings">Change it in Settings</Link>.
    </div>
  );
}
