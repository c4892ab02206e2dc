import type { MarketClosedReason, MarketSession } from '@strikedesk/domain';
import { nseHoursText } from './session-hours.ts';

const CLOSED: Record<MarketClosedReason, string> = {
  WEEKEND: 'Market closed · weekend',
  HOLIDAY: 'Market closed · NSE holiday',
  BEFORE_OPEN: 'Market opens',
  AFTER_CLOSE: 'Market closed',
};

/** The header's short reading of the session, e.g. "Market open · MIS till 15:15". */
export function sessionLabel(session: MarketSession): string {
  if (session.closed === 'BEFORE_OPEN') return `${CLOSED.BEFORE_OPEN} ${session.hours.opens}`;
  if (session.closed) return CLOSED[session.closed];
  // Always open: the engine does not check the hours, which is not the same as the market being open.
  const market = session.alwaysOpen ? 'Hours not checked' : 'Market open';
  const squareOff = session.intradaySquareOff;
  if (!squareOff) return market;
  return squareOff.passed ? `${market} · MIS cut off at ${squareOff.at}` : `${market} · MIS till ${squareOff.at}`;
}

/** The header's tooltip: the hours, and what "always open" means for a live broker. */
export function sessionTitle(session: MarketSession): string {
  if (!session.alwaysOpen) return nseHoursText(session);
  return `The engine takes orders at any hour (MARKET_ALWAYS_OPEN); a live broker still refuses them outside ${nseHoursText(session)}.`;
}
