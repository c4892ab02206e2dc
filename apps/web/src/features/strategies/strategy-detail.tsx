'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import { Badge, useToast } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { useStrategy } from '@/lib/queries/use-strategies.ts';
import { AlertSetup } from './alert-setup.tsx';
import { rememberStrategy } from './strategy-cache.ts';
import { StrategyConfigEditor } from './strategy-config-editor.tsx';
import { StrategyConfigSummary } from './strategy-config-summary.tsx';
import { targetText } from './strategy-config-text.ts';
import { StrategyModeBadge } from './strategy-mode.tsx';
import { StrategyPerformance } from './strategy-performance.tsx';
import { StrategySettings } from './strategy-settings.tsx';
import { StrategyVersions } from './strategy-versions.tsx';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

type StrategyDetailProps = { strategy: Strategy; canChange: boolean; onRemoved: () => void };

/** One strategy: settings, the alert to paste into TradingView, its versioned configuration and its performance. */
export function StrategyDetail({ strategy, canChange, onRemoved }: StrategyDetailProps) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const detail = useStrategy(strategy.id);
  const target = strategy.config.target;
  const instruments = useInstruments(target.kind === 'INSTRUMENT' ? [target.instrumentId] : []);
  const instrumentName = target.kind === 'INSTRUMENT' ? instruments.get(target.instrumentId)?.displayName : undefined;
  const reload = () => void queryClient.invalidateQueries({ queryKey: queryKeys.strategy(strategy.id) });

  return (
    <div className={styles.detail} data-testid={`strategy-detail-${strategy.id}`}>
      <div className={`${layout.cluster} ${styles.wide}`}>
        <h2 className={layout.title} data-testid="strategy-detail-name">
          {strategy.name}
        </h2>
        <StrategyModeBadge mode={strategy.mode} />
        <Badge tone={strategy.enabled ? 'success' : 'neutral'} testId="strategy-detail-state">
          {strategy.enabled ? 'ENABLED' : 'DISABLED'}
        </Badge>
        <span className={layout.muted}>
          {targetText(target, instrumentName)} · version {strategy.version}
        </span>
      </div>
      <StrategySettings strategy={strategy} canChange={canChange} onRemoved={onRemoved} />
      {detail.data ? (
        <AlertSetup strategy={detail.data.strategy} alertMessage={detail.data.alertMessage} pineScript={detail.data.pineScript} />
      ) : (
        <p className={layout.muted}>{detail.isError ? errorMessage(detail.error) : 'Loading…'}</p>
      )}
      <section className={`${layout.panel} ${styles.wide}`} aria-labelledby="strategy-config-title">
        <h3 className={layout.panelTitle} id="strategy-config-title">
          Configuration · version <span data-testid="strategy-config-version">{strategy.version}</span>
        </h3>
        {canChange ? (
          // Keyed by version: after a save (or someone else's) the form starts from what is now in force.
          <StrategyConfigEditor
            key={`${strategy.id}:${strategy.version}:${instrumentName ?? ''}`}
            strategy={strategy}
            instrumentLabel={instrumentName ?? ''}
            onReload={() => {
              reload();
              void queryClient.invalidateQueries({ queryKey: queryKeys.strategyList });
            }}
            onSaved={(saved) => {
              rememberStrategy(queryClient, saved);
              toast.show({ kind: 'success', message: `Strategy saved as version ${saved.version}` });
            }}
          />
        ) : (
          <StrategyConfigSummary config={strategy.config} />
        )}
        <h3 className={layout.panelTitle}>Versions</h3>
        {detail.data ? <StrategyVersions versions={detail.data.versions} /> : null}
      </section>
      <StrategyPerformance strategyId={strategy.id} />
    </div>
  );
}
