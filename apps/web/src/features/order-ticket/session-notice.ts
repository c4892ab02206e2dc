import type { MarketSession, Product } from '@strikedesk/domain';

/**
 * What the order ticket says before the engine would refuse the order for the session: the market
 * is closed (MARKET_CLOSED), or an MIS order is past the intraday square-off (INTRADAY_CUTOFF —
 * an MIS order may then only reduce an MIS position). Null when nothing applies or it is unknown.
 */
export function sessionNotice(session: MarketSession | undefined, product: Product): string | null {
  if (!session) return null;
  if (!session.open) return `The market is closed (NSE ${session.hours.opens}–${session.hours.closes} IST, Monday to Friday): orders are refused until it opens.`;
  const squareOff = session.intradaySquareOff;
  if (product === 'MIS' && squareOff?.passed) {
    return `Intraday (MIS) positions are being squared off since ${squareOff.at} IST: an MIS order may only reduce an open MIS position. Use NRML to open or add.`;
  }
  return null;
}
