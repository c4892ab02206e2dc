import type { Strategy } from '@strikedesk/domain';
import { scheduleText } from './strategy-schedule.ts';
import layout from '../shell/layout.module.css';

/** A scheduled strategy's "alert": the engine's own entry at the set time; the URL is only a manual trigger. */
export function ScheduleSetup({ strategy, portfolioName }: { strategy: Strategy; portfolioName: string | undefined }) {
  const { schedule, guards } = strategy.config;
  return (
    <section className={layout.panel} aria-labelledby="schedule-setup-title" data-testid="schedule-setup">
      <h3 className={layout.panelTitle} id="schedule-setup-title">
        Schedule
      </h3>
      <p>
        Enters {portfolioName ? `“${portfolioName}”` : 'the portfolio'} at{' '}
        <strong data-testid="strategy-schedule">{schedule ? scheduleText(schedule) : 'no time set'}</strong>
      </p>
      <p className={layout.muted}>
        {strategy.enabled ? 'Enabled: ' : 'Disabled — nothing happens until you enable it. Once enabled: '}
        once a day, never more than {guards.maxDelaySeconds} s late (say the engine was down: the entry is skipped, not made late). The
        portfolio&apos;s own exit rules take it out.
      </p>
      <p className={layout.muted}>
        No TradingView alert is needed. The webhook URL (ends …{strategy.tokenHint}) is optional: a buy alert posted to it arms the
        portfolio off-schedule, an exit alert squares it off.
      </p>
    </section>
  );
}
