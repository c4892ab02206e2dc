'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AdminApiKey, ApiKey } from '@strikedesk/domain';
import { Button, Dialog, DialogError, DialogFooter, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { maskedApiKey } from './api-key-columns.tsx';
import layout from '../shell/layout.module.css';
import styles from './settings.module.css';

type RevokeTarget = { own: ApiKey } | { anyone: AdminApiKey };

/**
 * Revoking cannot be undone: the key stops working on its next request. A trader revokes their
 * own key (Settings); an admin anyone's (Admin → API keys), named with its owner.
 */
export function RevokeApiKeyDialog({ target, onClose }: { target: RevokeTarget; onClose: () => void }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const apiKey = 'own' in target ? target.own : target.anyone;
  const owner = 'anyone' in target ? `${target.anyone.username}'s ` : '';
  const revoke = useMutation({
    mutationFn: () => ('own' in target ? api.apiKeys.revoke(target.own.id) : api.admin.revokeApiKey(target.anyone.id)),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }), queryClient.invalidateQueries({ queryKey: queryKeys.adminApiKeys })]);
      toast.show({ kind: 'success', message: `${owner}API key “${apiKey.name}” revoked.` });
      onClose();
    },
  });
  return (
    <Dialog open title={`Revoke ${owner}“${apiKey.name}”?`} onClose={onClose} testId="revoke-api-key-dialog">
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
