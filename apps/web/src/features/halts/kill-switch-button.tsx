'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { canTrade, type TradingHalt } from '@strikedesk/domain';
import { Button, useToast } from '@strikedesk/ui';
import { useAuth, useSessionUser } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { rememberHalt, useActiveHalts } from '@/lib/queries/use-active-halts.ts';
import { detailIds, haltSentence } from './halt-text.ts';
import { KillSwitchDialog } from './kill-switch-dialog.tsx';
import styles from './halts.module.css';

/** The terminal header's kill switch for the user's own account (traders and admins). */
export function KillSwitchButton() {
  const user = useSessionUser();
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const { halts } = useActiveHalts(user.accountId);
  if (!canTrade(user.role)) return null;
  // The kill switch that stops this account now (its own, or an admin's global one), if any.
  const engagedHalt = halts.find((halt) => halt.kind === 'KILL_SWITCH');

  const onEngaged = (halt: TradingHalt) => {
    rememberHalt(queryClient, halt, user.accountId);
    void queryClient.invalidateQueries({ queryKey: queryKeys.orders });
    void queryClient.invalidateQueries({ queryKey: queryKeys.positions });
    const canceled = detailIds(halt, 'canceledOrderIds').length;
    const exits = detailIds(halt, 'exitOrderIds').length;
    toast.show({ kind: 'warning', message: `Kill switch engaged: ${canceled} order(s) cancelled, ${exits} square-off order(s) sent.` });
  };
  const engagedText = engagedHalt ? `${haltSentence(engagedHalt, user.userId)}.` : '';

  return (
    <>
      <Button
        size="small"
        variant="danger"
        className={`${styles.killSwitch} ${engagedHalt ? styles.killSwitchEngaged : ''}`}
        onClick={() => setOpen(true)}
        title={engagedHalt ? engagedText : 'Cancel every open order and block new ones'}
        aria-pressed={engagedHalt ? true : false}
        data-state={engagedHalt ? 'engaged' : 'off'}
        data-testid="kill-switch-button"
      >
        {engagedHalt ? 'Kill switch ON' : 'Kill switch'}
      </Button>
      {open ? (
        <KillSwitchDialog
          engaged={engagedHalt !== undefined}
          title={engagedHalt ? 'Kill switch engaged' : 'Engage the kill switch?'}
          description={
            engagedHalt
              ? `${engagedText} Open orders were cancelled and new orders are refused until an admin releases it. You can still square off every position from here.`
              : // Strategies stop with it, exits included (the halt lets only square-offs through): say so before, not after.
                'Halts trading on your account: every open order is cancelled and new orders are refused until an admin releases it, TradingView alerts included — even exits; tick the box below to flatten now.'
          }
          scope="ACCOUNT"
          engage={(input) => api.killSwitch.engage(input)}
          onEngaged={onEngaged}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}
