'use client';

import { Dialog } from '@strikedesk/ui';
import type { StrategyWithWebhook } from '@/lib/api/gateway-api.ts';
import { WebhookUrlNotice } from './webhook-url-notice.tsx';
import layout from '../shell/layout.module.css';

/** What a new strategy does once enabled, and what the trader still has to set up, per template. */
function NextSteps({ template }: { template: StrategyWithWebhook['strategy']['template'] }) {
  if (template === 'SCHEDULED_PORTFOLIO') {
    return (
      <p className={layout.muted}>
        The strategy is <strong>disabled</strong>: enable it to have the portfolio entered on schedule. It needs no TradingView alert, so
        the URL is optional — a buy alert posted to it arms the portfolio off-schedule, an exit alert squares it off.
      </p>
    );
  }
  return (
    <p className={layout.muted}>
      The strategy is <strong>disabled</strong>: alerts are recorded but not {template === 'TV_PORTFOLIO' ? 'acted on' : 'traded'} until you
      enable it. The alert message and a Pine Script example are in its detail.
    </p>
  );
}

/** The new strategy's webhook URL, shown this once, with what comes next. */
export function NewStrategyCreated({ created, onDone }: { created: StrategyWithWebhook; onDone: () => void }) {
  return (
    <Dialog open title={`Strategy “${created.strategy.name}” created`} onClose={onDone} testId="new-strategy-dialog">
      <WebhookUrlNotice webhookPath={created.webhookPath} onDone={onDone} doneTestId="new-strategy-done">
        <NextSteps template={created.strategy.template} />
      </WebhookUrlNotice>
    </Dialog>
  );
}
