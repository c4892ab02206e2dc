'use client';

import { Button } from '@strikedesk/ui';
import type { BrokerLoginResult } from './broker-login-result.ts';
import styles from './brokers.module.css';

/** The outcome of a broker login, where the trader or admin started it. */
export function BrokerLoginNotice({ result, accountName, onDismiss }: { result: BrokerLoginResult; accountName: string | null; onDismiss: () => void }) {
  const connected = result.kind === 'connected';
  const text = connected ? `${accountName ?? 'The broker account'} is connected.` : `${accountName ? `${accountName}: ` : ''}${result.message}`;
  return (
    <div
      className={styles.notice}
      data-kind={connected ? 'connected' : 'error'}
      role={connected ? 'status' : 'alert'}
      data-testid="broker-login-result"
      data-code={connected ? undefined : result.code}
    >
      <span>{text}</span>
      <Button size="small" variant="ghost" onClick={onDismiss} aria-label="Dismiss" data-testid="broker-login-result-dismiss">
        ×
      </Button>
    </div>
  );
}
