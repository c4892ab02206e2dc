import type { StrategySchedule } from '@strikedesk/domain';

/** The schedule's weekday numbers (1 = Monday … 5 = Friday) in order, with their short names. */
export const WEEKDAYS = [
  { day: 1, name: 'Mon' },
  { day: 2, name: 'Tue' },
  { day: 3, name: 'Wed' },
  { day: 4, name: 'Thu' },
  { day: 5, name: 'Fri' },
] as const;

export const ALL_WEEKDAYS: readonly number[] = WEEKDAYS.map(({ day }) => day);

/** The weekdays with `day` ticked or not, in week order. */
export function toggleWeekday(weekdays: readonly number[], day: number, on: boolean): number[] {
  const chosen = new Set(weekdays);
  if (on) chosen.add(day);
  else chosen.delete(day);
  return ALL_WEEKDAYS.filter((item) => chosen.has(item));
}

/** "Mon–Fri", "Mon, Wed, Fri": the days as a trader reads them. */
export function weekdaysText(weekdays: readonly number[]): string {
  const chosen = WEEKDAYS.filter(({ day }) => weekdays.includes(day));
  if (chosen.length === WEEKDAYS.length) return 'Mon–Fri';
  return chosen.map(({ name }) => name).join(', ');
}

/** "09:20 IST, Mon–Fri". */
export const scheduleText = (schedule: StrategySchedule): string => `${schedule.time} IST, ${weekdaysText(schedule.weekdays)}`;
