import { describe, expect, it } from 'vitest';
import { formatIstMinute, istDayOf, istMinuteOfDay, parseIstTime } from './ist-clock.ts';

describe('istMinuteOfDay', () => {
  it('reads IST wall-clock minutes (UTC+05:30)', () => {
    expect(istMinuteOfDay(Date.parse('2026-03-02T03:45:00Z'))).toBe(9 * 60 + 15);
    expect(istMinuteOfDay(Date.parse('2026-03-02T03:45:59.999Z'))).toBe(9 * 60 + 15);
    expect(istMinuteOfDay(Date.parse('2026-03-02T10:00:00Z'))).toBe(15 * 60 + 30);
  });
  it('wraps at IST midnight, which is 18:30 UTC', () => {
    expect(istMinuteOfDay(Date.parse('2026-03-02T18:29:00Z'))).toBe(1439);
    expect(istMinuteOfDay(Date.parse('2026-03-02T18:30:00Z'))).toBe(0);
  });
  it('works before the epoch', () => {
    expect(istMinuteOfDay(Date.parse('1969-12-31T03:45:00Z'))).toBe(9 * 60 + 15);
  });
});

describe('istDayOf', () => {
  it('changes at IST midnight, not UTC midnight', () => {
    const before = istDayOf(Date.parse('2026-03-02T18:29:59Z'));
    expect(istDayOf(Date.parse('2026-03-02T18:30:00Z'))).toBe(before + 1);
    expect(istDayOf(Date.parse('2026-03-02T23:59:00Z'))).toBe(before + 1);
  });
});

describe('parseIstTime', () => {
  it('parses HH:MM', () => {
    expect(parseIstTime('00:00')).toBe(0);
    expect(parseIstTime('09:15')).toBe(555);
    expect(parseIstTime('23:59')).toBe(1439);
  });
  it('refuses anything else', () => {
    for (const text of ['9:15', '24:00', '09:60', '09:15:00', '']) expect(() => parseIstTime(text)).toThrow(RangeError);
  });
  it('round-trips through formatIstMinute', () => {
    expect(formatIstMinute(parseIstTime('09:05'))).toBe('09:05');
  });
});
