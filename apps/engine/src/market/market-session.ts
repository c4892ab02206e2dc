import { formatIstMinute, type MarketSession } from '@strikedesk/domain';
import { CLOSE_MINUTE, OPEN_MINUTE } from './market-hours.ts';

export type MarketSessionDeps = {
  now(): number;
  /** The rule orders are checked against (NSE hours and holidays, or always open). */
  isOpen(now: number): boolean;
  alwaysOpen: boolean;
  /** The intraday cut-off (risk/intraday-cutoff.ts); `minute` null = none. */
  cutoff: { readonly minute: number | null; readonly label: string; passed(now: number): boolean };
};

/** The session as the order checks see it, for the terminal (market.session). */
export function describeMarketSession(deps: MarketSessionDeps): MarketSession {
  const at = deps.now();
  return {
    at,
    open: deps.isOpen(at),
    alwaysOpen: deps.alwaysOpen,
    hours: { opens: formatIstMinute(OPEN_MINUTE), closes: formatIstMinute(CLOSE_MINUTE) },
    intradaySquareOff: deps.cutoff.minute === null ? null : { at: deps.cutoff.label, passed: deps.cutoff.passed(at) },
  };
}
