/**
 * Times a trader reads are exchange time (IST), whatever zone the browser runs in — as the halt
 * banner and the signals already say — so an order's time matches the exchange's and the broker's.
 */
const IST = 'Asia/Kolkata';

const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: IST, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const clockMillisFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: IST,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  fractionalSecondDigits: 3,
  hourCycle: 'h23',
});
const dayMonthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: IST, day: 'numeric', month: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: IST, day: 'numeric', month: 'short', year: 'numeric' });
const shortFormat = new Intl.DateTimeFormat('en-GB', { timeZone: IST, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayKeyFormat = new Intl.DateTimeFormat('en-CA', { timeZone: IST, year: 'numeric', month: '2-digit', day: '2-digit' });

const sameIstDay = (a: number, b: number): boolean => dayKeyFormat.format(a) === dayKeyFormat.format(b);

/** "10:12:31" today (IST); "4 Dec 10:12:31" for an order of another day still in the book. */
export function istOrderTimeText(epochMs: number, now: number = Date.now()): string {
  const clock = clockFormat.format(epochMs);
  return sameIstDay(epochMs, now) ? clock : `${dayMonthFormat.format(epochMs)} ${clock}`;
}

/** "10:12:31.042": one order's events, a few milliseconds apart. */
export const istClockMillisText = (epochMs: number): string => clockMillisFormat.format(epochMs);

/** "7 Dec 2026, 10:14:24 IST": when something was done, for a record. */
export const istDateTimeText = (epochMs: number): string => `${dateFormat.format(epochMs)}, ${clockFormat.format(epochMs)} IST`;

/** "7 Dec 2026, 10:14 IST": when a setting or record was changed (admin and settings tables). */
export const istShortDateTimeText = (epochMs: number): string => `${shortFormat.format(epochMs)} IST`;
