import type { MarketSession, Product } from '@strikedesk/domain';
import { nseHoursText } from '../shell/session-hours.ts';

const WHY_CLOSED = { WEEKEND: 'at the weekend', HOLIDAY: 'today (an NSE holiday)', BEFORE_OPEN: 'until it opens', AFTER_CLOSE: 'for the day' } as const;

/**
 * What the order ticket says before the engine would refuse the order for the session: the market
 * is closed (MARKET_CLOSED), or an MIS order is past the intraday square-off (INTRADAY_CUTOFF —
 * an MIS order may then only reduce an MIS position). Null when nothing applies or it is unknown.
 */
export function sessionNotice(session: MarketSession | undefined, product: Product): string | null {
  if (!session) return null;
  if (session.closed) return `The market is closed ${WHY_CLOSED[session.closed]} (${nseHoursText(session)}): orders are refused until it opens.`;
  const squareOff = session.intradaySquareOff;
  if (product === 'MIS' && squareOff?.passed) {
    // The engine's own wording (INTRADAY_CUTOFF), so the notice and a refusal read alike.
    return `Intraday (MIS) positions are squared off from ${squareOff.at} IST: an MIS order may now only reduce an open MIS position. Place it as NRML to open or add.`;
  }
  return null;
}
