import type { StrategyConfig, StrategyTarget } from '@strikedesk/domain';
import { scheduleText } from './strategy-schedule.ts';

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

const lots = (value: number): string => `${value} ${value === 1 ? 'lot' : 'lots'}`;

/** Portfolio names by id, to name a linked portfolio instead of showing its id. */
export type PortfolioNames = ReadonlyMap<string, string>;

const NO_NAMES: PortfolioNames = new Map();

type Line = [label: string, text: string];

/** What only an instrument strategy uses: a portfolio's own legs and settings make its orders. */
function instrumentLines(config: StrategyConfig): Line[] {
  return [
    ['Product', config.product],
    ['Contracts are', config.contractsAre === 'LOTS' ? 'lots' : 'units'],
    ['Default size', lots(config.defaultLots)],
    ['Sizing', config.sizing === 'ORDER' ? "alert's contracts" : "follow TradingView's position"],
    ['Order type', config.orderType === 'MARKET' ? 'MARKET' : `LIMIT at LTP ± ${config.limitBufferPercent}%`],
  ];
}

/** Every setting of a configuration that its kind of strategy uses, as label → text, in the order the form shows them. */
export function configLines(config: StrategyConfig, portfolioNames: PortfolioNames = NO_NAMES): Line[] {
  const { target, guards, risk } = config;
  const portfolio = target.kind === 'PORTFOLIO';
  const aliases = Object.entries(config.tickerAliases);
  return [
    ['Target', targetText(target, portfolio ? portfolioNames.get(target.portfolioId) : undefined)],
    ...(config.schedule ? [['Schedule', scheduleText(config.schedule)] satisfies Line] : []),
    ...(portfolio ? [] : instrumentLines(config)),
    ['Alerts per minute', String(guards.maxSignalsPerMinute)],
    ['Alerts per day', String(guards.maxSignalsPerDay)],
    ['Max delay', `${guards.maxDelaySeconds} s`],
    ['Window (IST)', `${guards.window.start}–${guards.window.end}`],
    ['Allowed IPs', guards.allowedIps.length === 0 ? 'any' : guards.allowedIps.join(', ')],
    ...(portfolio
      ? []
      : [
          ['Ticker aliases', aliases.length === 0 ? 'none' : aliases.map(([ticker, id]) => `${ticker} → ${id}`).join(', ')] satisfies Line,
          ['Max per order', lots(risk.maxLotsPerOrder)] satisfies Line,
          ['Max position', lots(risk.maxPositionLots)] satisfies Line,
        ]),
  ];
}

/** What changed from one version to the next, one "label: before → after" per setting. */
export function describeConfigChanges(before: StrategyConfig | null, after: StrategyConfig, portfolioNames: PortfolioNames = NO_NAMES): string[] {
  if (before === null) return [];
  const previous = new Map(configLines(before, portfolioNames));
  return configLines(after, portfolioNames)
    .filter(([label, text]) => previous.get(label) !== text)
    .map(([label, text]) => `${label}: ${previous.get(label) ?? '—'} → ${text}`);
}
