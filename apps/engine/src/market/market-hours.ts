import { istDayNumber, istDayStart, istDayToIsoDate, SESSION_CLOSE_MINUTE, SESSION_OPEN_MINUTE, type MarketClosedReason } from '@strikedesk/domain';

/** NSE's normal session, 09:15–15:30 IST, Monday to Friday. IST is UTC+05:30 with no daylight saving. */
const IST_OFFSET_MS = 330 * 60_000;

/** Null while NSE's normal session is open; otherwise why it is not. */
export function nseClosedReason(epochMs: number, holidays: ReadonlySet<string> = new Set()): MarketClosedReason | null {
  const ist = new Date(epochMs + IST_OFFSET_MS);
  const weekday = ist.getUTCDay();
  if (weekday === 0 || weekday === 6) return 'WEEKEND';
  if (holidays.has(ist.toISOString().slice(0, 10))) return 'HOLIDAY';
  const minute = ist.getUTCHours() * 60 + ist.getUTCMinutes();
  if (minute < SESSION_OPEN_MINUTE) return 'BEFORE_OPEN';
  return minute < SESSION_CLOSE_MINUTE ? null : 'AFTER_CLOSE';
}

export const isNseSessionOpen = (epochMs: number, holidays: ReadonlySet<string> = new Set()): boolean => nseClosedReason(epochMs, holidays) === null;

/**
 * The close (15:30 IST) of the first NSE session that ends after `from`: when a DAY order placed at
 * `from` stops working. Weekends and holidays have no session; null if none within a month (a
 * calendar that lists a month of holidays is wrong, not a reason to loop).
 */
export function nseSessionCloseAfter(from: number, holidays: ReadonlySet<string> = new Set()): number | null {
  const first = istDayNumber(from);
  for (let day = first; day < first + 31; day += 1) {
    const close = istDayStart(day) + SESSION_CLOSE_MINUTE * 60_000;
    const weekday = (day + 4) % 7; // IST day 0 (1970-01-01) was a Thursday
    if (close <= from || weekday === 0 || weekday === 6 || holidays.has(istDayToIsoDate(day))) continue;
    return close;
  }
  return null;
}

/** Expiry instant: 15:30 IST on the expiry date. */
export const expiryInstant = (isoDate: string): number => Date.parse(`${isoDate}T10:00:00Z`);
