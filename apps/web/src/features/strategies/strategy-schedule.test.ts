import { describe, expect, it } from 'vitest';
import { ALL_WEEKDAYS, scheduleText, toggleWeekday, weekdaysText } from './strategy-schedule.ts';

describe('strategy schedule', () => {
  it('ticks and unticks weekdays, keeping week order', () => {
    expect(toggleWeekday([5, 1], 3, true)).toEqual([1, 3, 5]);
    expect(toggleWeekday(ALL_WEEKDAYS, 2, false)).toEqual([1, 3, 4, 5]);
    expect(toggleWeekday([1], 1, true)).toEqual([1]);
  });

  it('names the days the way a trader reads them', () => {
    expect(weekdaysText(ALL_WEEKDAYS)).toBe('Mon–Fri');
    expect(weekdaysText([1, 3, 5])).toBe('Mon, Wed, Fri');
    expect(scheduleText({ time: '09:20', weekdays: [1, 2, 3, 4, 5] })).toBe('09:20 IST, Mon–Fri');
  });
});
