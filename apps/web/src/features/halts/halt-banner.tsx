'use client';

import { useSessionUser } from '@/lib/auth/auth-context.tsx';
import { useActiveHalts } from '@/lib/queries/use-active-halts.ts';
import { haltConsequence, haltSentence } from './halt-text.ts';
import styles from './halts.module.css';

/** Under the header while any halt stops this user's orders (their account's or a global one). */
export function HaltBanner() {
  const user = useSessionUser();
  const { halts } = useActiveHalts(user.accountId);
  if (halts.length === 0) return null;
  return (
    <div className={styles.banner} role="alert" data-testid="halt-banner">
      {halts.map((halt) => (
        <p key={halt.id} className={styles.bannerLine} data-testid={`halt-banner-${halt.id}`}>
          <span className={styles.bannerTitle}>Trading halted.</span>
          {haltSentence(halt, user.userId)}. {haltConsequence(halt)}
        </p>
      ))}
    </div>
  );
}
