'use client';

import type { StrategyTemplate } from '@strikedesk/domain';
import { errorMessage } from '@/lib/api/api-error.ts';
import { usePortfolios } from '@/lib/queries/use-portfolios.ts';
import type { ConfigFieldsProps } from './config-field-props.ts';
import { PortfolioPicker } from './portfolio-picker.tsx';
import { ScheduleFields } from './schedule-fields.tsx';
import layout from '../shell/layout.module.css';
import styles from './strategies.module.css';

/** How the engine drives the linked portfolio, per template (what the trader must know before linking one). */
function PortfolioHelp({ template, underlying }: { template: StrategyTemplate; underlying: string | undefined }) {
  if (template === 'SCHEDULED_PORTFOLIO') {
    return (
      <p className={`${layout.muted} ${styles.span3}`}>
        While the strategy is enabled, the engine enters the portfolio at this time on the ticked days, once a day — never later than the
        max delay below (say the engine was down). The portfolio&apos;s own exit rules take it out.
      </p>
    );
  }
  const examples = underlying ? `${underlying}: NSE:${underlying}, ${underlying}1!…` : 'e.g. NSE:NIFTY or NIFTY1! for NIFTY';
  return (
    <p className={`${layout.muted} ${styles.span3}`}>
      A buy or sell alert arms the portfolio (its entry rule decides when it enters — usually at once); an exit alert squares it off.
      Reverse and target alerts are refused. The alert&apos;s ticker, if it has one, must be the portfolio&apos;s underlying ({examples}).
    </p>
  );
}

/** A portfolio strategy's target: which of the trader's portfolios it runs and, when scheduled, when. */
export function PortfolioTargetFields({ template, ...props }: ConfigFieldsProps & { template: StrategyTemplate }) {
  const { form, errors, onChange, testIdPrefix } = props;
  const portfolios = usePortfolios();
  const chosen = portfolios.data?.find((portfolio) => portfolio.id === form.portfolioId);

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>What it runs</legend>
      {portfolios.data ? (
        <PortfolioPicker
          portfolios={portfolios.data}
          value={form.portfolioId}
          onChoose={(portfolioId) => onChange({ portfolioId })}
          error={errors.portfolioId}
          testIdPrefix={testIdPrefix}
        />
      ) : (
        <p className={`${portfolios.isError ? styles.error : layout.muted} ${styles.span3}`} role={portfolios.isError ? 'alert' : undefined}>
          {portfolios.isError ? errorMessage(portfolios.error) : 'Loading your portfolios…'}
        </p>
      )}
      {template === 'SCHEDULED_PORTFOLIO' ? <ScheduleFields {...props} /> : null}
      <PortfolioHelp template={template} underlying={chosen?.definition.settings.underlying} />
    </fieldset>
  );
}
