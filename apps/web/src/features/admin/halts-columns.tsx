'use client';

import type { TradingHalt } from '@strikedesk/domain';
import { Badge, Button, type ColumnDef } from '@strikedesk/ui';
import { detailIds, haltMismatches, haltTitle } from '../halts/halt-text.ts';
import { istDateTimeText } from '@/lib/format/ist-time.ts';
import styles from './admin.module.css';

export type HaltRow = { halt: TradingHalt; account: string; engagedBy: string; releasedBy: string | null };

/** What the engine did or found, as recorded on the halt. */
function HaltDetails({ halt }: { halt: TradingHalt }) {
  const canceled = detailIds(halt, 'canceledOrderIds').length;
  const exits = detailIds(halt, 'exitOrderIds').length;
  const mismatches = haltMismatches(halt);
  const lines = [
    ...(canceled > 0 ? [`${canceled} open order(s) cancelled`] : []),
    ...(exits > 0 ? [`${exits} square-off order(s) sent`] : []),
    ...(halt.flatten && exits === 0 && halt.kind !== 'RECONCILIATION' ? ['Square-off asked: no open position'] : []),
    ...mismatches.map((mismatch) => `${mismatch.kind}: ${mismatch.message}`),
  ];
  if (lines.length === 0) return null;
  return (
    <ul className={styles.details} data-testid={`halt-details-${halt.id}`}>
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

export function haltsColumns(onRelease: ((halt: TradingHalt) => void) | null): ColumnDef<HaltRow>[] {
  return [
    { id: 'id', header: '#', meta: { align: 'right' }, accessorFn: (row) => row.halt.id },
    {
      id: 'scope',
      header: 'Scope',
      accessorFn: (row) => row.halt.scope,
      cell: ({ row }) => <Badge tone={row.original.halt.scope === 'GLOBAL' ? 'danger' : 'warning'}>{row.original.halt.scope === 'GLOBAL' ? 'Every account' : row.original.account}</Badge>,
    },
    { id: 'kind', header: 'Kind', accessorFn: (row) => haltTitle(row.halt) },
    { id: 'reason', header: 'Reason', enableSorting: false, accessorFn: (row) => row.halt.reason },
    {
      id: 'engaged',
      header: 'Engaged',
      accessorFn: (row) => row.halt.engagedAt,
      cell: ({ row }) => `${istDateTimeText(row.original.halt.engagedAt)} by ${row.original.engagedBy}`,
    },
    { id: 'details', header: 'Details', enableSorting: false, cell: ({ row }) => <HaltDetails halt={row.original.halt} /> },
    {
      id: 'released',
      header: 'Released',
      accessorFn: (row) => row.halt.releasedAt ?? Number.POSITIVE_INFINITY,
      cell: ({ row }) => {
        const { halt, releasedBy } = row.original;
        if (halt.releasedAt === null) {
          return onRelease ? (
            <Button size="small" variant="primary" onClick={() => onRelease(halt)} data-testid={`halt-release-${halt.id}`}>
              Release…
            </Button>
          ) : (
            <Badge tone="danger">Active</Badge>
          );
        }
        return (
          <span data-testid={`halt-released-${halt.id}`}>
            {istDateTimeText(halt.releasedAt)} by {releasedBy}: {halt.releaseNote}
          </span>
        );
      },
    },
  ];
}
