import { describe, expect, it } from 'vitest';
import { chartTime } from './chart-time.ts';

describe('chart times', () => {
  it('read as IST on the axis by default: the 09:15 open is labelled 09:15, not 03:45', () => {
    const open = Date.UTC(2026, 11, 7, 3, 45, 0, 400); // 09:15:00.4 IST
    expect(new Date(chartTime(open) * 1000).toISOString().slice(11, 19)).toBe('09:15:00');
    expect(new Date(chartTime(open, 0) * 1000).toISOString().slice(11, 19)).toBe('03:45:00');
  });
});
