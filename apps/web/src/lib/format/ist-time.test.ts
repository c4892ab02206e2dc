import { describe, expect, it } from 'vitest';
import { istClockMillisText, istDateTimeText, istOrderTimeText, istShortDateTimeText } from './ist-time.ts';

// 2026-12-07 04:42:31.042 UTC = 10:12:31.042 IST.
const at = Date.UTC(2026, 11, 7, 4, 42, 31, 42);

describe('IST times', () => {
  it('shows an order of today at its exchange (IST) time, not the browser zone', () => {
    expect(istOrderTimeText(at, at + 60_000)).toBe('10:12:31');
  });

  it('names the day of an order from another IST day', () => {
    // 18:40 UTC on the 6th is 00:10 IST on the 7th: the same IST day as `at`.
    expect(istOrderTimeText(Date.UTC(2026, 11, 6, 18, 40, 0), at)).toBe('00:10:00');
    expect(istOrderTimeText(Date.UTC(2026, 11, 4, 9, 0, 5), at)).toBe('4 Dec 14:30:05');
  });

  it('keeps milliseconds for an order history and 24-hour IST for records', () => {
    expect(istClockMillisText(at)).toBe('10:12:31.042');
    expect(istDateTimeText(at)).toBe('7 Dec 2026, 10:12:31 IST');
    // Settings and admin records: minutes, IST (18:40 UTC on the 6th is past midnight in India).
    expect(istShortDateTimeText(Date.UTC(2026, 11, 6, 18, 40, 0))).toBe('7 Dec 2026, 00:10 IST');
  });
});
