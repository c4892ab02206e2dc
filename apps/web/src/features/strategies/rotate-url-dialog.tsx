'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { rememberStrategy } from './strategy-cache.ts';
import { WebhookUrlNotice } from './webhook-url-notice.tsx';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

/** A new webhook URL after a confirmation: the old one stops working at once, so every alert must be updated. */
export function RotateUrlDialog({ strategy, onClose }: { strategy: Strategy; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: () => api.strategies.rotateToken(strategy.id),
    onSuccess: (result) => rememberStrategy(queryClient, result.strategy),
  });

  if (rotate.data) {
    return (
      <Dialog open title="New webhook URL" onClose={onClose} testId="rotate-url-dialog">
        <WebhookUrlNotice webhookPath={rotate.data.webhookPath} onDone={onClose} doneTestId="rotate-url-done" />
      </Dialog>
    );
  }

  return (
    <Dialog open title="Rotate the webhook URL?" onClose={onClose} testId="rotate-url-dialog">
      <div className={`${layout.stack} ${styles.form}`}>
        <p className={layout.muted}>
          “{strategy.name}” gets a new URL and the current one (ending …{strategy.tokenHint}) answers “not found” from now on. Alerts
          still using it are lost until you paste the new URL into each of them.
        </p>
        {rotate.isError ? <DialogError testId="rotate-url-error">{errorMessage(rotate.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep the URL</Button>
          <Button variant="danger" disabled={rotate.isPending} onClick={() => rotate.mutate()} data-testid="rotate-url-confirm">
            {rotate.isPending ? 'Rotating…' : 'Rotate URL'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
