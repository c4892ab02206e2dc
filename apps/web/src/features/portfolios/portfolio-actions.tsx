'use client';

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Portfolio, PortfolioLive } from '@strikedesk/domain';
import { Button, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { ConfirmDialog } from '../strategies/confirm-dialog.tsx';
import type { LegResolution } from './leg-resolution.ts';
import { portfolioActionState } from './portfolio-action-state.ts';
import { rememberPortfolio } from './portfolio-cache.ts';
import { StartSummary } from './start-summary.tsx';
import layout from '../shell/layout.module.css';

type PortfolioActionsProps = {
  portfolio: Portfolio;
  live: PortfolioLive | null;
  /** The form differs from the saved definition: Start would run something else than what is on screen. */
  dirty: boolean;
  resolutions: readonly LegResolution[];
  onRemoved: () => void;
};

type OpenDialog = 'start' | 'exit' | 'remove' | null;

/** Start, exit, stop and delete: each asks first where it trades or destroys, and shows the server's refusal. */
export function PortfolioActions({ portfolio, live, dirty, resolutions, onRemoved }: PortfolioActionsProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const name = portfolio.definition.settings.name;
  const can = portfolioActionState(portfolio.status, live, dirty);
  const stop = useMutation({
    mutationFn: () => api.portfolios.stop(portfolio.id),
    onSuccess: (stopped) => {
      rememberPortfolio(queryClient, stopped);
      toast.show({ kind: 'success', message: `“${name}” stopped: its positions are kept, nothing is automated now.` });
    },
  });

  return (
    <>
      <Button variant="buy" disabled={!can.start.enabled} title={can.start.reason} onClick={() => setDialog('start')}>
        Start
      </Button>
      <Button variant="danger" disabled={!can.exit.enabled} title={can.exit.reason} onClick={() => setDialog('exit')}>
        Exit now
      </Button>
      <Button disabled={!can.stop.enabled || stop.isPending} title={can.stop.reason} onClick={() => stop.mutate()}>
        Stop automation
      </Button>
      <Button variant="ghost" disabled={!can.remove.enabled} title={can.remove.reason} onClick={() => setDialog('remove')}>
        Delete
      </Button>
      {stop.isError ? (
        <span role="alert" className={layout.error}>
          {errorMessage(stop.error)}
        </span>
      ) : null}

      {dialog === 'start' ? (
        <ConfirmDialog
          title={`Start “${name}”?`}
          confirmLabel="Start portfolio"
          cancelLabel="Not yet"
          action={async () => rememberPortfolio(queryClient, await api.portfolios.start(portfolio.id))}
          onDone={() => undefined}
          onClose={() => setDialog(null)}
          testId="portfolio-start-dialog"
        >
          <StartSummary definition={portfolio.definition} resolutions={resolutions} />
        </ConfirmDialog>
      ) : null}
      {dialog === 'exit' ? (
        <ConfirmDialog
          title={`Exit “${name}” now?`}
          confirmLabel="Exit now"
          cancelLabel="Keep it"
          action={async () => rememberPortfolio(queryClient, await api.portfolios.exit(portfolio.id))}
          onDone={() => undefined}
          onClose={() => setDialog(null)}
          testId="portfolio-exit-dialog"
        >
          <p className={layout.muted}>Every leg the portfolio holds is squared off at the market and its automation ends (status CLOSED).</p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'remove' ? (
        <ConfirmDialog
          title={`Delete “${name}”?`}
          confirmLabel="Delete portfolio"
          cancelLabel="Keep it"
          action={() => api.portfolios.remove(portfolio.id)}
          onDone={() => {
            toast.show({ kind: 'success', message: `Portfolio “${name}” deleted.` });
            onRemoved();
            void queryClient.invalidateQueries({ queryKey: queryKeys.portfolios });
          }}
          onClose={() => setDialog(null)}
          testId="portfolio-remove-dialog"
        >
          <p className={layout.muted}>Its definition and action journal are deleted. Orders it placed stay in your order book.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
