'use client';

import type { StrategyTemplate } from '@strikedesk/domain';
import type { ConfigFieldsProps } from './config-field-props.ts';
import { InstrumentRiskFields, InstrumentTradeFields } from './instrument-config-fields.tsx';
import { PortfolioTargetFields } from './portfolio-target-fields.tsx';
import { StrategyGuardFields } from './strategy-guard-fields.tsx';
import { isPortfolioTemplate } from './strategy-templates.ts';

/**
 * A strategy's configuration for its template: the new-strategy dialog and the editor share it. A
 * portfolio strategy shows no order or lot settings: the portfolio's own legs and settings make its orders.
 */
export function StrategyConfigFields({ template, ...props }: ConfigFieldsProps & { template: StrategyTemplate }) {
  if (isPortfolioTemplate(template)) {
    return (
      <>
        <PortfolioTargetFields template={template} {...props} />
        <StrategyGuardFields template={template} {...props} />
      </>
    );
  }
  return (
    <>
      <InstrumentTradeFields {...props} />
      <StrategyGuardFields template={template} {...props} />
      <InstrumentRiskFields {...props} />
    </>
  );
}
