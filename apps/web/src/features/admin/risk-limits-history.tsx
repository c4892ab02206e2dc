'use client';

import { useMemo } from 'react';
import type { RiskLimitsVersion } from '@strikedesk/domain';
import { DataGrid, type ColumnDef } from '@strikedesk/ui';
import { describeLimitChanges } from './risk-limit-fields.ts';
import styles from './admin.module.css';
import { istShortDateTimeText } from '@/lib/format/ist-time.ts';

type HistoryRow = { version: RiskLimitsVersion; author: string; changes: string[] };


const columns: ColumnDef<HistoryRow>[] = [
  { id: 'version', header: 'Version', meta: { align: 'right' }, accessorFn: (row) => row.version.version },
  {
    id: 'changedAt',
    header: 'Saved',
    accessorFn: (row) => row.version.changedAt,
    cell: ({ row }) => (row.original.version.version === 0 ? '—' : istShortDateTimeText(row.original.version.changedAt)),
  },
  { id: 'author', header: 'By', accessorFn: (row) => row.author },
  { id: 'comment', header: 'Comment', enableSorting: false, accessorFn: (row) => row.version.comment },
  {
    id: 'changes',
    header: 'Changes from the version before',
    enableSorting: false,
    cell: ({ row }) => (
      <ul className={styles.changes} data-testid={`risk-limits-changes-${row.original.version.version}`}>
        {row.original.changes.map((change) => (
          <li key={change}>{change}</li>
        ))}
      </ul>
    ),
  },
];

/** Every version of an account's limits, newest first; each row says what it changed. */
export function RiskLimitsHistory({ versions, usernames }: { versions: readonly RiskLimitsVersion[]; usernames: ReadonlyMap<string, string> }) {
  const rows = useMemo(
    () =>
      versions.map((version, index) => ({
        version,
        author: version.changedBy === null ? 'engine defaults' : (usernames.get(version.changedBy) ?? version.changedBy),
        changes: describeLimitChanges(versions[index + 1]?.limits ?? null, version.limits),
      })),
    [versions, usernames],
  );
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => String(row.version.version)}
      rowTestId={(row) => `risk-limits-version-${row.version.version}`}
      initialSorting={[{ id: 'version', desc: true }]}
      ariaLabel="Risk limits history"
      testId="risk-limits-history"
    />
  );
}
