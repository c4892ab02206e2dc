'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { canTrade, type TradingHalt } from '@strikedesk/domain';
import { Button, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { rememberHalt } from '@/lib/queries/use-active-halts.ts';
import { detailIds } from './halt-text.ts';
import { KillSwitchDialog } from './kill-switch-dialog.tsx';
import styles from './halts.module.css';

/** The terminal header's kill switch for the user's own account (traders and admins). */
export function KillSwitchButton() {
  const user = useSessionUser();
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  if (!canTrade(user.role)) return null;

  const onEngaged = (halt: TradingHalt) => {
    rememberHalt(queryClient, halt, user.accountId);
    void queryClient.invalidateQueries({ queryKey: queryKeys.orders });
    void queryClient.invalidateQueries({ queryKey: queryKeys.positions });
    const canceled = detailIds(halt, 'canceledOrderIds').length;
    const exits = detailIds(halt, 'exitOrderIds').length;
    toast.show({ kind: 'warning', message: `Kill switch engaged: ${canceled} order(s) cancelled, ${exits} square-off order(s) sent.` });
  };

  return (
    <>
      <Button size="small" variant="danger" className={styles.killSwitch} onClick={() => setOpen(true)} data-testid="kill-switch-button">
        Kill switch
      </Button>
      {open ? (
        <KillSwitchDialog
          title="Engage the kill switch?"
          description="Halts trading on your account: every open order is cancelled and new orders are refused until an admin releases it."
          scope="ACCOUNT"
          engage={(input) => api.killSwitch.engage(input)}
          onEngaged={onEngaged}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
