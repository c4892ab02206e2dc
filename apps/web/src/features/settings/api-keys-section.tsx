'use client';

import { useMemo, useState } from 'react';
import type { ApiKey } from '@strikedesk/domain';
import { Button, DataGrid } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { useApiKeys } from '@/lib/queries/use-api-keys.ts';
import { useTradingAccounts } from '@/lib/queries/use-trading-accounts.ts';
import { apiKeyColumns } from './api-key-columns.tsx';
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx';
import { RevokeApiKeyDialog } from './revoke-api-key-dialog.tsx';
import layout from '../shell/layout.module.css';

/** Keys for the REST API (/api/v1): the user's own programs trade and read as this user, each key on one of the user's accounts. */
export function ApiKeysSection() {
  const keys = useApiKeys();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const accounts = useTradingAccounts().data;
  const columns = useMemo(() => apiKeyColumns(setRevoking, accounts ?? []), [accounts]);
  const data = useMemo(() => keys.data ?? [], [keys.data]);

  return (
    <section className={layout.panel} aria-labelledby="api-keys-title" data-testid="api-keys-section">
      <div className={layout.titleRow}>
        <h2 id="api-keys-title" className={layout.panelTitle}>
          API keys
        </h2>
        <Button size="small" variant="primary" onClick={() => setCreating(true)} data-testid="api-key-create">
          New API key…
        </Button>
      </div>
      <p className={layout.muted}>
        Your own programs use a key to read your orders and positions and, with the trade scope, to place orders through the same risk checks as
        the terminal. Each key acts on the one trading account chosen when it is made (paper, or a live broker account), whichever account the header
        is switched to later. The API is described at{' '}
        <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
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
          rowTestId={(apiKey) => `api-key-row-${apiKey.prefix}`}
          initialSorting={[{ id: 'created', desc: true }]}
          ariaLabel="API keys"
          emptyMessage="No API keys yet."
          testId="api-keys-grid"
        />
      )}
      {creating ? <CreateApiKeyDialog onClose={() => setCreating(false)} /> : null}
      {revoking ? <RevokeApiKeyDialog target={{ own: revoking }} onClose={() => setRevoking(null)} /> : null}
    </section>
  );
}
