import type { StrategyFormField } from './strategy-form.ts';

/** Where the config schema reports a problem (its issue path) → the form field that shows it. */
export function fieldOfPath(path: readonly PropertyKey[]): StrategyFormField | null {
  const [first, second, third] = path.map(String);
  if (first === 'target') {
    if (second === 'instrumentId' || second === 'nth' || second === 'portfolioId') return second;
    return 'underlying';
  }
  if (first === 'schedule') return second === 'weekdays' ? 'scheduleWeekdays' : 'scheduleTime';
  if (first === 'tickerAliases') return 'tickerAliases';
  if (first === 'guards') {
    if (second === 'window') return third === 'start' ? 'windowStart' : 'windowEnd';
    if (second === 'allowedIps') return 'allowedIps';
    if (second === 'maxSignalsPerMinute' || second === 'maxSignalsPerDay' || second === 'maxDelaySeconds') return second;
    return null;
  }
  if (first === 'risk') return second === 'maxLotsPerOrder' || second === 'maxPositionLots' ? second : null;
  if (first === 'defaultLots' || first === 'limitBufferPercent' || first === 'product') return first;
  return null;
}
