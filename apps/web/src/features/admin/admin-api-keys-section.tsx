'use client';

import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AdminApiKey } from '@strikedesk/domain';
import { DataGrid, type ColumnDef } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { apiKeyColumns } from '../settings/api-key-columns.tsx';
import { RevokeApiKeyDialog } from '../settings/revoke-api-key-dialog.tsx';
import layout from '../shell/layout.module.css';
import styles from './admin.module.css';

const ownerColumn: ColumnDef<AdminApiKey> = { id: 'owner', header: 'Owner', accessorFn: (apiKey) => apiKey.username };

/**
 * Every user's API keys: which programs act on which accounts, and revoking one without asking its
 * owner (a leaked key, a trader who left, a compromised account — a password reset alone does not
 * stop a user's keys).
 */
export function AdminApiKeysSection() {
  const { api } = useAuth();
  const keys = useQuery({ queryKey: queryKeys.adminApiKeys, queryFn: () => api.admin.listApiKeys() });
  const users = useQuery({ queryKey: queryKeys.adminUsers, queryFn: () => api.admin.listUsers() });
  const [revoking, setRevoking] = useState<AdminApiKey | null>(null);
  const accounts = useMemo(() => (users.data ?? []).flatMap((user) => user.accounts), [users.data]);
  const columns = useMemo(() => [ownerColumn, ...apiKeyColumns<AdminApiKey>(setRevoking, accounts)], [accounts]);
  const data = useMemo(() => keys.data ?? [], [keys.data]);

  return (
    <section className={styles.page} aria-labelledby="admin-api-keys-title" data-testid="admin-api-keys-section">
      <h2 id="admin-api-keys-title" className={layout.title}>
        API keys
      </h2>
      <p className={layout.muted}>Every user’s keys for the REST API. Revoking one refuses the program using it from its next request; its owner sees it revoked.</p>
      {keys.isError ? (
        <p className={layout.error} role="alert">
          {errorMessage(keys.error)}
        </p>
      ) : keys.isPending ? (
        <p className={layout.muted}>Loading…</p>
      ) : (
        <DataGrid
          data={data}
          columns={columns}
          getRowId={(apiKey) => apiKey.id}
          rowTestId={(apiKey) => `admin-api-key-row-${apiKey.prefix}`}
          initialSorting={[{ id: 'created', desc: true }]}
          ariaLabel="Every user's API keys"
          emptyMessage="No user has an API key."
          testId="admin-api-keys-grid"
        />
      )}
      {revoking ? <RevokeApiKeyDialog target={{ anyone: revoking }} onClose={() => setRevoking(null)} /> : null}
    </section>
  );
}
