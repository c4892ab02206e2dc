import type { MarketSession } from '@strikedesk/domain';

/** The header's one-line reading of the session, e.g. "Market open · MIS till 15:15". */
export function sessionLabel(session: MarketSession): string {
  const market = session.alwaysOpen ? 'Sandbox market · always open' : session.open ? 'Market open' : 'Market closed';
  const squareOff = session.intradaySquareOff;
  if (!squareOff || !session.open) return market;
  return squareOff.passed ? `${market} · MIS squared off at ${squareOff.at}` : `${market} · MIS till ${squareOff.at}`;
}
