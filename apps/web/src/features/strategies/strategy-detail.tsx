'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { Strategy } from '@strikedesk/domain';
import { Badge, useToast } from '@strikedesk/ui';
import { errorMessage } from '@/lib/api/api-error.ts';
import { queryKeys } from '@/lib/queries/query-keys.ts';
import { useInstruments } from '@/lib/queries/use-instruments.ts';
import { usePortfolioNames } from '@/lib/queries/use-portfolios.ts';
import { useStrategy } from '@/lib/queries/use-strategies.ts';
import { AlertSetup } from './alert-setup.tsx';
import { ScheduleSetup } from './schedule-setup.tsx';
import { rememberStrategy } from './strategy-cache.ts';
import { StrategyConfigEditor } from './strategy-config-editor.tsx';
import { StrategyConfigSummary } from './strategy-config-summary.tsx';
import { StrategyModeBadge } from './strategy-mode.tsx';
import { StrategyPerformance } from './strategy-performance.tsx';
import { StrategySettings } from './strategy-settings.tsx';
import { StrategyTargetText } from './strategy-target.tsx';
import { TEMPLATE_TEXT } from './strategy-templates.ts';
import { StrategyVersions } from './strategy-versions.tsx';
import { useLinkedPortfolio } from './use-linked-portfolio.ts';
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
  const portfolio = useLinkedPortfolio(target);
  const portfolioNames = usePortfolioNames();
  const targetName = target.kind === 'PORTFOLIO' ? (portfolio === null ? null : portfolio?.name) : instrumentName;
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
          <span data-testid="strategy-detail-template">{TEMPLATE_TEXT[strategy.template].label}</span> ·{' '}
          <StrategyTargetText target={target} name={targetName} testId="strategy-detail-target" /> · version {strategy.version}
        </span>
      </div>
      <StrategySettings strategy={strategy} canChange={canChange} onRemoved={onRemoved} />
      {strategy.template === 'SCHEDULED_PORTFOLIO' ? (
        <ScheduleSetup strategy={strategy} portfolioName={portfolio?.name} />
      ) : detail.data ? (
        <AlertSetup strategy={detail.data.strategy} alertMessage={detail.data.alertMessage} pineScript={detail.data.pineScript} portfolioUnderlying={portfolio?.underlying} />
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
          <StrategyConfigSummary config={strategy.config} portfolioNames={portfolioNames} />
        )}
        <h3 className={layout.panelTitle}>Versions</h3>
        {detail.data ? <StrategyVersions versions={detail.data.versions} portfolioNames={portfolioNames} /> : null}
      </section>
      <StrategyPerformance strategyId={strategy.id} />
    </div>
  );
}
