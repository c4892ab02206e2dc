import { describe, expect, it } from 'vitest';
import { adjustForHolidays, istDate, lastWeekdayOfMonth, listedExpiries, monthlyExpiries, weeklyExpiries } from './expiry-calendar.ts';

const TUESDAY = 2;
const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('lastWeekdayOfMonth', () => {
  it('finds the last Tuesday, including one on the 31st', () => {
    expect(lastWeekdayOfMonth(2026, 3, TUESDAY)).toBe('2026-03-31');
    expect(lastWeekdayOfMonth(2026, 12, TUESDAY)).toBe('2026-12-29');
    expect(lastWeekdayOfMonth(2026, 2, TUESDAY)).toBe('2026-02-24');
    expect(lastWeekdayOfMonth(2024, 12, TUESDAY)).toBe('2024-12-31');
  });
  it('handles a leap February', () => {
    expect(lastWeekdayOfMonth(2028, 2, TUESDAY)).toBe('2028-02-29');
  });
});

describe('weeklyExpiries', () => {
  it('lists Tuesdays from a Wednesday', () => {
    expect(weeklyExpiries('2026-12-09', TUESDAY, 4)).toEqual(['2026-12-15', '2026-12-22', '2026-12-29', '2027-01-05']);
  });
  it('includes the start date when it is an expiry day', () => {
    expect(weeklyExpiries('2026-12-15', TUESDAY, 1)).toEqual(['2026-12-15']);
  });
  it('moves a holiday expiry to the previous trading day', () => {
    const holidays = new Set(['2026-12-22']);
    expect(weeklyExpiries('2026-12-16', TUESDAY, 2, holidays)).toEqual(['2026-12-21', '2026-12-29']);
  });
  it('every result is a Tuesday without holidays', () => {
    for (const date of weeklyExpiries('2026-01-01', TUESDAY, 60)) expect(weekday(date)).toBe(TUESDAY);
  });
});

describe('monthlyExpiries', () => {
  it('skips the current month once its expiry has passed', () => {
    expect(monthlyExpiries('2026-03-31', TUESDAY, 2)).toEqual(['2026-03-31', '2026-04-28']);
    expect(monthlyExpiries('2026-04-01', TUESDAY, 3)).toEqual(['2026-04-28', '2026-05-26', '2026-06-30']);
  });
  it('rolls over the year end', () => {
    expect(monthlyExpiries('2026-12-30', TUESDAY, 2)).toEqual(['2027-01-26', '2027-02-23']);
  });
  it('steps back over a holiday and a weekend', () => {
    // 2026-03-31 is a Tuesday; with Monday 30th also a holiday it lands on Friday 27th.
    expect(adjustForHolidays('2026-03-31', new Set(['2026-03-31', '2026-03-30']))).toBe('2026-03-27');
  });
});

describe('listedExpiries', () => {
  const nifty = { weeklyExpiryWeekday: TUESDAY, weeklyExpiriesListed: 4, monthlyExpiryWeekday: TUESDAY, monthlyExpiriesListed: 3 };
  it('merges weeklies and monthlies, marking the month-end weekly as monthly', () => {
    expect(listedExpiries(nifty, '2026-12-09')).toEqual([
      { date: '2026-12-15', expiryType: 'WEEKLY' },
      { date: '2026-12-22', expiryType: 'WEEKLY' },
      { date: '2026-12-29', expiryType: 'MONTHLY' },
      { date: '2027-01-05', expiryType: 'WEEKLY' },
      { date: '2027-01-26', expiryType: 'MONTHLY' },
      { date: '2027-02-23', expiryType: 'MONTHLY' },
    ]);
  });
  it('lists only monthlies without a weekly series', () => {
    const bank = { ...nifty, weeklyExpiryWeekday: null, weeklyExpiriesListed: 0 };
    expect(listedExpiries(bank, '2026-12-09').map((e) => e.expiryType)).toEqual(['MONTHLY', 'MONTHLY', 'MONTHLY']);
  });
});

describe('istDate', () => {
  it('is the Indian calendar date', () => {
    expect(istDate(Date.UTC(2026, 11, 14, 18, 29))).toBe('2026-12-14');
    expect(istDate(Date.UTC(2026, 11, 14, 18, 30))).toBe('2026-12-15');
  });
});
