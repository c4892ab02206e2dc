import { Fragment } from 'react';
import type { StrategyConfig } from '@strikedesk/domain';
import { configLines, type PortfolioNames } from './strategy-config-text.ts';
import layout from '../shell/layout.module.css';

/** The configuration for reading (viewers, who cannot change it). */
export function StrategyConfigSummary({ config, portfolioNames }: { config: StrategyConfig; portfolioNames: PortfolioNames }) {
  return (
    <dl className={layout.facts} data-testid="strategy-config-summary">
      {configLines(config, portfolioNames).map(([label, text]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{text}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
