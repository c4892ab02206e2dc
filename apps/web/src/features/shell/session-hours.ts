import type { MarketSession } from '@strikedesk/domain';

/** "NSE 09:15–15:30 IST, Monday to Friday" — the session's hours as a trader reads them. */
export const nseHoursText = (session: Pick<MarketSession, 'hours'>): string => `NSE ${session.hours.opens}–${session.hours.closes} IST, Monday to Friday`;
