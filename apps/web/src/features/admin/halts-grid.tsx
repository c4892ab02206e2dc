'use client';

import { useMemo } from 'react';
import type { TradingHalt } from '@strikedesk/domain';
import { DataGrid } from '@strikedesk/ui';
import type { AdminUser } from '@/lib/api/gateway-api.ts';
import { accountNamer, adminAccounts } from './admin-accounts.ts';
import { haltsColumns, type HaltRow } from './halts-columns.tsx';

type HaltsGridProps = {
  halts: readonly TradingHalt[];
  users: readonly AdminUser[];
  onRelease: ((halt: TradingHalt) => void) | null;
  ariaLabel: string;
  emptyMessage: string;
  testId: string;
};

export function HaltsGrid({ halts, users, onRelease, ariaLabel, emptyMessage, testId }: HaltsGridProps) {
  const rows = useMemo<HaltRow[]>(() => {
    // Every account of every user, live ones too: a halt on a live account reads "alice — Kite desk".
    const accountName = accountNamer(adminAccounts(users));
    const byUser = new Map(users.map((user) => [user.userId, user.username]));
    const who = (userId: string | null): string => (userId === null ? 'the engine' : (byUser.get(userId) ?? userId));
    return halts.map((halt) => ({
      halt,
      account: halt.accountId === null ? 'Every account' : accountName(halt.accountId),
      engagedBy: who(halt.engagedBy),
      releasedBy: halt.releasedAt === null ? null : who(halt.releasedBy),
    }));
  }, [halts, users]);
  const columns = useMemo(() => haltsColumns(onRelease), [onRelease]);
  return (
    <DataGrid
      data={rows}
      columns={columns}
      getRowId={(row) => String(row.halt.id)}
      rowTestId={(row) => `${testId}-row-${row.halt.id}`}
      initialSorting={[{ id: 'id', desc: true }]}
      ariaLabel={ariaLabel}
      emptyMessage={emptyMessage}
      testId={testId}
    />
  );
}
