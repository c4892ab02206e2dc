'use client';

import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import { Button, SegmentedControl, useToast } from '@strikedesk/ui';
import { useAuth } from '@/lib/auth/auth-context.tsx';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { PassphraseSetting } from './passphrase-setting.tsx';
import { RotateUrlDialog } from './rotate-url-dialog.tsx';
import { StrategyEnabledToggle } from './strategy-enabled-toggle.tsx';
import { modeOptions, StrategyModeBadge } from './strategy-mode.tsx';
import { useStrategySettings } from './use-strategy-settings.ts';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type StrategySettingsProps = { strategy: Strategy; canChange: boolean; onRemoved: () => void };

type OpenDialog = 'live' | 'rotate' | 'remove' | null;

/** Switches that are not part of the trading logic, so they change no version: on/off, paper/live, secrets. */
export function StrategySettings({ strategy, canChange, onRemoved }: StrategySettingsProps) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useStrategySettings();
  const [dialog, setDialog] = useState<OpenDialog>(null);

  return (
    <section className={layout.panel} aria-labelledby="strategy-settings-title" data-testid="strategy-settings">
      <h3 className={layout.panelTitle} id="strategy-settings-title">
        Settings
      </h3>
      <dl className={styles.settings}>
        <div className={styles.setting}>
          <dt>Enabled</dt>
          <dd>
            <StrategyEnabledToggle strategy={strategy} canChange={canChange} testId="strategy-detail-enabled" />
          </dd>
        </div>
        <div className={styles.setting}>
          <dt>Mode</dt>
          <dd>
            {canChange ? (
              <SegmentedControl
                label="Mode"
                value={strategy.mode}
                options={modeOptions('strategy')}
                // Going live places real orders: ask first. Back to paper is always safe.
                onValueChange={(mode) => (mode === 'LIVE' ? setDialog('live') : settings.mutate({ strategyId: strategy.id, mode }))}
              />
            ) : (
              <StrategyModeBadge mode={strategy.mode} />
            )}
          </dd>
        </div>
        <div className={styles.setting}>
          <dt>Passphrase</dt>
          <dd data-testid="strategy-passphrase-state">{strategy.hasPassphrase ? 'set (alerts must carry it)' : 'none'}</dd>
        </div>
        {canChange ? <PassphraseSetting strategy={strategy} /> : null}
        <div className={styles.setting}>
          <dt>Webhook URL</dt>
          <dd>
            <span className={layout.numeric}>…{strategy.tokenHint}</span>
            {canChange ? (
              <Button size="small" onClick={() => setDialog('rotate')} data-testid="strategy-rotate-url">
                Rotate URL…
              </Button>
            ) : null}
          </dd>
        </div>
      </dl>
      {canChange ? (
        <div>
          <Button size="small" variant="danger" onClick={() => setDialog('remove')} data-testid="strategy-remove">
            Delete strategy…
          </Button>
        </div>
      ) : null}

      {dialog === 'live' ? (
        <ConfirmDialog
          title="Trade this strategy live?"
          confirmLabel="Go live"
          cancelLabel="Keep paper"
          action={() => api.strategies.updateSettings({ strategyId: strategy.id, mode: 'LIVE' })}
          onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.strategies })}
          onClose={() => setDialog(null)}
          testId="strategy-live-dialog"
        >
          <p className={layout.muted}>
            Alerts for “{strategy.name}” will place real orders in your trading account, within the strategy&apos;s and the account&apos;s risk
            limits.
          </p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'rotate' ? <RotateUrlDialog strategy={strategy} onClose={() => setDialog(null)} /> : null}
      {dialog === 'remove' ? (
        <ConfirmDialog
          title="Delete this strategy?"
          confirmLabel="Delete strategy"
          cancelLabel="Keep it"
          action={() => api.strategies.remove(strategy.id)}
          onDone={() => {
            toast.show({ kind: 'success', message: `Strategy “${strategy.name}” deleted.` });
            onRemoved();
            void queryClient.invalidateQueries({ queryKey: queryKeys.strategies });
            void queryClient.invalidateQueries({ queryKey: queryKeys.signals });
          }}
          onClose={() => setDialog(null)}
          testId="strategy-remove-dialog"
        >
          <p className={layout.muted}>
            “{strategy.name}” and its webhook URL stop working (alerts sent to it answer “not found”) and its signal history is deleted
            with it. Orders it placed and positions it opened stay in your account.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
