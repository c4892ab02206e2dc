'use client';

import { useMemo } from 'react';
import type { StrategyVersion } from '@strikedesk/domain';
import { DataGrid, type ColumnDef } from '@strikedesk/ui';
import { istClockText } from '../signals/signal-text.ts';
import { describeConfigChanges, type PortfolioNames } from './strategy-config-text.ts';
import styles from './strategies.module.css';

type VersionRow = { version: StrategyVersion; changes: string[] };

const columns: ColumnDef<VersionRow>[] = [
  { id: 'version', header: 'Version', meta: { align: 'right' }, accessorFn: (row) => row.version.version },
  { id: 'changedAt', header: 'Saved (IST)', accessorFn: (row) => row.version.changedAt, cell: ({ row }) => istClockText(row.original.version.changedAt) },
  {
    id: 'comment',
    header: 'Comment',
    enableSorting: false,
    accessorFn: (row) => row.version.comment,
    cell: ({ row }) => <span data-testid={`strategy-version-comment-${row.original.version.version}`}>{row.original.version.comment}</span>,
  },
  {
    id: 'changes',
    header: 'Changes from the version before',
    enableSorting: false,
    cell: ({ row }) => (
      <ul className={styles.changes}>
        {row.original.changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
    ),
  },
];

/** Every version of the configuration, newest first; orders record the one they were placed under. */
export function StrategyVersions({ versions, portfolioNames }: { versions: readonly StrategyVersion[]; portfolioNames: PortfolioNames }) {
  const rows = useMemo(
    () => versions.map((version, index) => ({ version, changes: describeConfigChanges(versions[index + 1]?.config ?? null, version.config, portfolioNames) })),
    [versions, portfolioNames],
  );
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => String(row.version.version)}
      rowTestId={(row) => `strategy-version-${row.version.version}`}
      initialSorting={[{ id: 'version', desc: true }]}
      ariaLabel="Strategy versions"
      testId="strategy-versions"
    />
  );
}
