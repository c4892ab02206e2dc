'use client';

import type { ReactNode } from 'react';
import { Button, DialogFooter, TextField } from '@strikedesk/ui';
import { CopyButton } from './copy-button.tsx';
import { webhookUrlProblem } from './webhook-reachability.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type WebhookUrlNoticeProps = {
  webhookPath: string;
  /** The only way out besides closing the dialog: the trader says the URL is copied. */
  onDone: () => void;
  doneTestId: string;
  /** What else the dialog has to say, under the URL. */
  children?: ReactNode;
};

/**
 * The body of a dialog that has just made a webhook URL (a new strategy, a rotated URL): the URL,
 * the only time it can be seen — the server keeps just a hash of its token, so it cannot show the
 * URL again (rotating makes a new one).
 */
export function WebhookUrlNotice({ webhookPath, onDone, doneTestId, children }: WebhookUrlNoticeProps) {
  // The gateway serving this page is the one TradingView must reach.
  const url = `${window.location.origin}${webhookPath}`;
  const unreachable = webhookUrlProblem(url);
  return (
    <div className={`${layout.stack} ${styles.form}`}>
      <div className={layout.panel} data-testid="webhook-url-notice">
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
        {unreachable ? (
          <p className={styles.note} role="alert" data-testid="webhook-url-unreachable">
            {unreachable}
          </p>
        ) : null}
      </div>
      {children}
      <DialogFooter>
        <Button variant="primary" onClick={onDone} data-testid={doneTestId}>
          I have copied the URL
        </Button>
      </DialogFooter>
    </div>
  );
}
