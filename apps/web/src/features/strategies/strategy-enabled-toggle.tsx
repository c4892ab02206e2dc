'use client';

import type { Strategy } from '@strikedesk/domain';
import { useStrategySettings } from './use-strategy-settings.ts';
import styles from './strategies.module.css';

type StrategyEnabledToggleProps = { strategy: Strategy; canChange: boolean; testId: string };

/** On: alerts trade. Off: alerts are still recorded (and refused), so nothing TradingView sends is lost. */
export function StrategyEnabledToggle({ strategy, canChange, testId }: StrategyEnabledToggleProps) {
  const settings = useStrategySettings();
  // Shows the change while it is on its way; a refusal puts the old value back (and says why).
  const enabled = settings.isPending ? (settings.variables.enabled ?? strategy.enabled) : strategy.enabled;
  return (
    // The toggle sits in a clickable row: changing it must not also select the row.
    <label className={styles.toggle} onClick={(event) => event.stopPropagation()}>
      <input
        type="checkbox"
        checked={enabled}
        disabled={!canChange || settings.isPending}
        onChange={(event) => settings.mutate({ strategyId: strategy.id, enabled: event.target.checked })}
        aria-label={`${enabled ? 'Disable' : 'Enable'} ${strategy.name}`}
        data-testid={testId}
      />
      {enabled ? 'On' : 'Off'}
    </label>
  );
}
