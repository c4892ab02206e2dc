import type { StrategyConfig, StrategyTarget } from '@strikedesk/domain';

const ORDINALS: Record<number, string> = { 1: '1st', 2: '2nd', 3: '3rd' };

/** "NIFTY 1st future (continuous)", the instrument's or portfolio's name (its id until the name is known). */
export function targetText(target: StrategyTarget, name?: string): string {
  if (target.kind === 'INSTRUMENT') return name ?? target.instrumentId;
  if (target.kind === 'PORTFOLIO') return `Portfolio ${name ?? target.portfolioId}`;
  return `${target.underlying} ${ORDINALS[target.nth] ?? `${target.nth}th`} future (continuous)`;
}

/** The TradingView continuous-future symbol a chart of this target would use, e.g. NIFTY1!. */
export const tradingViewSymbol = (target: StrategyTarget): string | null =>
  target.kind === 'CONTINUOUS_FUTURE' ? `${target.underlying}${target.nth}!` : null;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] as const;

const lots = (value: number): string => `${value} ${value === 1 ? 'lot' : 'lots'}`;

/** Every setting of a configuration as label → text, in the order the form shows them. */
export function configLines(config: StrategyConfig): [label: string, text: string][] {
  const aliases = Object.entries(config.tickerAliases);
  return [
    ['Target', targetText(config.target)],
    ...(config.schedule ? ([['Schedule (IST)', `${config.schedule.time} on ${config.schedule.weekdays.map((day) => WEEKDAYS[day - 1]).join(', ')}`]] as [string, string][]) : []),
    ['Product', config.product],
    ['Contracts are', config.contractsAre === 'LOTS' ? 'lots' : 'units'],
    ['Default size', lots(config.defaultLots)],
    ['Sizing', config.sizing === 'ORDER' ? "alert's contracts" : "follow TradingView's position"],
    ['Order type', config.orderType === 'MARKET' ? 'MARKET' : `LIMIT at LTP ± ${config.limitBufferPercent}%`],
    ['Alerts per minute', String(config.guards.maxSignalsPerMinute)],
    ['Alerts per day', String(config.guards.maxSignalsPerDay)],
    ['Window (IST)', `${config.guards.window.start}–${config.guards.window.end}`],
    ['Allowed IPs', config.guards.allowedIps.length === 0 ? 'any' : config.guards.allowedIps.join(', ')],
    ['Ticker aliases', aliases.length === 0 ? 'none' : aliases.map(([ticker, id]) => `${ticker} → ${id}`).join(', ')],
    ['Max per order', lots(config.risk.maxLotsPerOrder)],
    ['Max position', lots(config.risk.maxPositionLots)],
  ];
}

/** What changed from one version to the next, one "label: before → after" per setting. */
export function describeConfigChanges(before: StrategyConfig | null, after: StrategyConfig): string[] {
  if (before === null) return [];
  const previous = new Map(configLines(before));
  return configLines(after)
    .filter(([label, text]) => previous.get(label) !== text)
    .map(([label, text]) => `${label}: ${previous.get(label) ?? '—'} → ${text}`);
}
