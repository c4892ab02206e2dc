'use client';

import { TextField } from '@strikedesk/ui';
import { CopyButton } from './copy-button.tsx';
import styles from './strategies.module.css';

/**
 * The strategy's full webhook URL, the only time it can be seen: the server keeps just a hash of
 * its token, so it cannot show the URL again (rotating makes a new one).
 */
export function WebhookUrlNotice({ webhookPath }: { webhookPath: string }) {
  // The gateway serving this page is the one TradingView must reach.
  const url = `${window.location.origin}${webhookPath}`;
  return (
    <div className={styles.panel} data-testid="webhook-url-notice">
      <div className={styles.row}>
        <TextField
          label="Webhook URL for TradingView"
          value={url}
          readOnly
          className={`${styles.grow} ${styles.url}`}
          onFocus={(event) => event.currentTarget.select()}
          data-testid="webhook-url"
        />
        <CopyButton text={url} what="Webhook URL" testId="webhook-url-copy" />
      </div>
      <p className={styles.note} role="note">
        Shown once — copy it now. Only a hash of it is stored, so it cannot be shown again; if you lose it, rotate the URL to get a new
        one. Paste it into the Webhook URL of your TradingView alert; anyone who has it can send this strategy alerts.
      </p>
    </div>
  );
}
