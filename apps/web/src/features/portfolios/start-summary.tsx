'use client';

import type { PortfolioDefinition } from '@strikedesk/domain';
import type { LegResolution } from './leg-resolution.ts';
import { entryText, legText } from './portfolio-text.ts';
import { legPreviewText, unresolvedLegsWarning } from './start-preview.ts';
import layout from '../shell/layout.module.css';

type StartSummaryProps = { definition: PortfolioDefinition; resolutions: readonly LegResolution[] };

const executionText = ({ execution }: PortfolioDefinition): string => {
  const pricing =
    execution.orderType === 'MARKET'
      ? `market orders with ${execution.marketProtectionPercent}% protection`
      : `limit orders at LTP ± ${execution.limitBufferPercent}%, re-priced every ${execution.repriceAfterSeconds} s up to ${execution.maxReprices} times`;
  return `${execution.legOrder === 'BUY_FIRST' ? 'Buy legs first' : 'Legs as listed'}, ${pricing}; ${execution.onLegFailure === 'UNWIND' ? 'a failed leg unwinds the rest' : 'a failed leg is retried to complete'}.`;
};

/** What Start commits to: the legs (and what they would trade right now), the entry rule, the orders. */
export function StartSummary({ definition, resolutions }: StartSummaryProps) {
  const { settings } = definition;
  const warning = unresolvedLegsWarning(definition.entry.rule, resolutions);
  return (
    <div className={layout.stack} data-testid="start-summary">
      <p className={layout.muted}>
        {settings.underlying} · {settings.product} · lot multiplier {settings.lotMultiplier}. Strikes are picked from the live chain at the moment it
        enters; right now the legs would trade:
      </p>
      <ul aria-label="Legs to trade">
        {definition.legs.map((leg, index) => (
          <li key={leg.id}>
            {leg.id}: {legText(leg)}
            {legPreviewText(settings.underlying, leg.id, resolutions[index])}
          </li>
        ))}
      </ul>
      {warning ? (
        <p role="alert" className={layout.error} data-testid="start-unresolved-legs">
          {warning}
        </p>
      ) : null}
      <p>
        <strong>Entry:</strong> {entryText(definition.entry)}.
      </p>
      <p>
        <strong>Orders:</strong> {executionText(definition)}
      </p>
    </div>
  );
}
