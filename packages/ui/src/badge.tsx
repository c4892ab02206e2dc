import type { ReactNode } from 'react';
import styles from './badge.module.css';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'danger' | 'warning';

type BadgeProps = { tone?: BadgeTone; children: ReactNode; testId?: string; title?: string };

export function Badge({ tone = 'neutral', children, testId, title }: BadgeProps) {
  return (
    <span className={`${styles.badge} ${styles[tone]}`} data-testid={testId} title={title}>
      {children}
    </span>
  );
}
