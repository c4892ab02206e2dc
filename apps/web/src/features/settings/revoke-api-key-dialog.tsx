'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { maskedApiKey } from './api-key-columns.tsx';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

/** Revoking cannot be undone: the key stops working on its next request. */
export function RevokeApiKeyDialog({ apiKey, onClose }: { apiKey: ApiKey; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const revoke = useMutation({
    mutationFn: () => api.apiKeys.revoke(apiKey.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys });
      toast.show({ kind: 'success', message: `API key “${apiKey.name}” revoked.` });
      onClose();
    },
  });
  return (
    <Dialog open title={`Revoke “${apiKey.name}”?`} onClose={onClose} testId="revoke-api-key-dialog">
      <div className={`${layout.stack} ${styles.dialogWidth}`}>
        <p>
          Programs using <code className={styles.mono}>{maskedApiKey(apiKey)}</code> are refused from their next request. This cannot be undone;
          create a new key to give access again.
        </p>
        {revoke.isError ? <DialogError testId="revoke-api-key-error">{errorMessage(revoke.error)}</DialogError> : null}
        <DialogFooter>
          <Button onClick={onClose}>Keep key</Button>
          <Button variant="danger" disabled={revoke.isPending} onClick={() => revoke.mutate()} data-testid="revoke-api-key-confirm">
            {revoke.isPending ? 'Revoking…' : 'Revoke key'}
          </Button>
        </DialogFooter>
      </div>
    </Dialog>
  );
}
