'use client';

import type { Signal, Strategy } from '@strikedesk/domain';
import type { ColumnDef } from '@strikedesk/ui';
import { istClockText } from '../signals/signal-text.ts';
import { SignalStatusBadge } from '../signals/signal-status-badge.tsx';
import { StrategyEnabledToggle } from './strategy-enabled-toggle.tsx';
import { StrategyModeBadge } from './strategy-mode.tsx';
import { StrategyTargetText } from './strategy-target.tsx';
import { TEMPLATE_TEXT } from './strategy-templates.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

/** A strategy with what the list shows beside it (rows, not column closures, carry data). */
export type StrategyRow = {
  strategy: Strategy;
  /** What it trades, as text (for sorting); `targetName` names its instrument or portfolio once known. */
  target: string;
  targetName: string | undefined;
  lastSignal: Signal | undefined;
};

export function strategiesColumns({ canChange }: { canChange: boolean }): ColumnDef<StrategyRow>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      accessorFn: ({ strategy }) => strategy.name,
      cell: ({ row }) => <span className={styles.name}>{row.original.strategy.name}</span>,
    },
    {
      id: 'template',
      header: 'Template',
      accessorFn: ({ strategy }) => TEMPLATE_TEXT[strategy.template].short,
      cell: ({ row }) => (
        <span title={TEMPLATE_TEXT[row.original.strategy.template].label} data-testid={`strategy-template-${row.original.strategy.id}`}>
          {TEMPLATE_TEXT[row.original.strategy.template].short}
        </span>
      ),
    },
    {
      id: 'target',
      header: 'Trades',
      accessorFn: ({ target }) => target,
      cell: ({ row }) => (
        <StrategyTargetText target={row.original.strategy.config.target} name={row.original.targetName} testId={`strategy-target-${row.original.strategy.id}`} />
      ),
    },
    {
      id: 'mode',
      header: 'Mode',
      accessorFn: ({ strategy }) => strategy.mode,
      cell: ({ row }) => <StrategyModeBadge mode={row.original.strategy.mode} testId={`strategy-mode-${row.original.strategy.id}`} />,
    },
    {
      id: 'enabled',
      header: 'Enabled',
      accessorFn: ({ strategy }) => strategy.enabled,
      cell: ({ row }) => <StrategyEnabledToggle strategy={row.original.strategy} canChange={canChange} testId={`strategy-enabled-${row.original.strategy.id}`} />,
    },
    {
      id: 'version',
      header: 'Version',
      meta: { align: 'right' },
      accessorFn: ({ strategy }) => strategy.version,
      cell: ({ row }) => <span className={layout.numeric}>v{row.original.strategy.version}</span>,
    },
    {
      id: 'url',
      header: 'URL ends',
      enableSorting: false,
      accessorFn: ({ strategy }) => strategy.tokenHint,
      cell: ({ row }) => <span className={layout.numeric} title="The last characters of the webhook URL, to tell URLs apart">…{row.original.strategy.tokenHint}</span>,
    },
    {
      id: 'lastSignal',
      header: 'Last signal',
      accessorFn: ({ lastSignal }) => lastSignal?.receivedAt ?? 0,
      cell: ({ row }) => {
        const signal = row.original.lastSignal;
        if (!signal) return <span className={layout.muted}>none yet</span>;
        return (
          <span className={layout.cluster}>
            <SignalStatusBadge status={signal.status} title={signal.reasonMessage ?? undefined} testId={`strategy-last-signal-${row.original.strategy.id}`} />
            <span className={layout.muted}>{istClockText(signal.receivedAt)} IST</span>
          </span>
        );
      },
    },
  ];
}
