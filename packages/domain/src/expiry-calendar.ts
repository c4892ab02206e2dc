import type { UnderlyingSpec } from './instrument.ts';

/**
 * Expiry dates from rules, as pure date arithmetic on ISO dates (UTC calendar, no clock). NSE moves
 * an expiry that falls on a trading holiday to the previous trading day; the holiday list is a
 * parameter because it is published yearly by circular, not derivable.
 */
export type ExpiryType = 'WEEKLY' | 'MONTHLY';
export type Expiry = { date: string; expiryType: ExpiryType };

const DAY_MS = 86_400_000;

const toEpochDay = (isoDate: string): number => Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
const fromEpochDay = (epochDay: number): string => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (epochDay: number): number => new Date(epochDay * DAY_MS).getUTCDay();

/** ISO date of an epoch-ms instant in India Standard Time (UTC+05:30, no daylight saving). */
export const istDate = (epochMs: number): string => new Date(epochMs + 330 * 60_000).toISOString().slice(0, 10);

/** The last `weekday` (0 = Sunday) of a month; month is 1-12. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const lastDay = Math.floor(Date.UTC(year, month, 0) / DAY_MS); // day 0 of the next month
  const back = (weekdayOf(lastDay) - weekday + 7) % 7;
  return fromEpochDay(lastDay - back);
}

/** Moves a date back over weekends and holidays to the nearest earlier trading day. */
export function adjustForHolidays(isoDate: string, holidays: ReadonlySet<string>): string {
  let day = toEpochDay(isoDate);
  for (;;) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6 && !holidays.has(fromEpochDay(day))) return fromEpochDay(day);
    day -= 1;
  }
}

/** The next `count` weekly expiries on or after `from`, holiday-adjusted. */
export function weeklyExpiries(from: string, weekday: number, count: number, holidays: ReadonlySet<string> = new Set()): string[] {
  const result: string[] = [];
  const start = toEpochDay(from);
  // Scan candidate weekdays; a holiday-adjusted date can fall before `from`, so check after adjusting.
  for (let day = start + ((weekday - weekdayOf(start) + 7) % 7); result.length < count; day += 7) {
    const adjusted = adjustForHolidays(fromEpochDay(day), holidays);
    if (adjusted >= from) result.push(adjusted);
  }
  return result;
}

/** The next `count` monthly expiries (last `weekday` of each month) on or after `from`. */
export function monthlyExpiries(from: string, weekday: number, count: number, holidays: ReadonlySet<string> = new Set()): string[] {
  const result: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  while (result.length < count) {
    const adjusted = adjustForHolidays(lastWeekdayOfMonth(year, month, weekday), holidays);
    if (adjusted >= from) result.push(adjusted);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

/**
 * Every listed expiry of an underlying from a date, ascending. A weekly that coincides with the
 * month's last expiry weekday is the monthly series (NSE lists one contract, the monthly).
 */
export function listedExpiries(
  spec: Pick<UnderlyingSpec, 'weeklyExpiryWeekday' | 'weeklyExpiriesListed' | 'monthlyExpiryWeekday' | 'monthlyExpiriesListed'>,
  from: string,
  holidays: ReadonlySet<string> = new Set(),
): Expiry[] {
  const monthly = monthlyExpiries(from, spec.monthlyExpiryWeekday, spec.monthlyExpiriesListed, holidays);
  const weekly =
    spec.weeklyExpiryWeekday === null ? [] : weeklyExpiries(from, spec.weeklyExpiryWeekday, spec.weeklyExpiriesListed, holidays);
  const monthlySet = new Set(monthly);
  const dates = [...new Set([...weekly, ...monthly])].sort();
  return dates.map((date) => ({ date, expiryType: monthlySet.has(date) ? 'MONTHLY' : 'WEEKLY' }));
}
