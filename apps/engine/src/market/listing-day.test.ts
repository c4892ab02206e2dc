import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/test-engine.ts';
import { ListingDay } from './listing-day.ts';

// IST = UTC + 5:30. The listing was built on Wednesday 2026-12-09; restarts are due from 08:45 IST.
const at = (day: number, hour: number, minute: number): number => Date.UTC(2026, 11, day, hour, minute) - 330 * 60_000;

describe('an engine left running over days', () => {
  it('asks once for a restart, from the restart time of a later day', () => {
    const clock = new ManualClock(at(9, 11, 0));
    let due = 0;
    const listing = new ListingDay({ listedOn: '2026-12-09', restartMinute: 8 * 60 + 45, now: clock.now, onDue: () => (due += 1) });
    for (const [day, hour, minute] of [[9, 23, 59], [10, 0, 30], [10, 8, 44]] as const) {
      clock.time = at(day, hour, minute);
      expect(listing.check()).toBe(false);
    }
    clock.time = at(10, 8, 45);
    expect(listing.check()).toBe(true);
    clock.time = at(10, 9, 0);
    expect(listing.check()).toBe(false);
    expect(due).toBe(1);
  });

  it('started after the restart time on a later day (left over a weekend), restarts at the first check', () => {
    let due = 0;
    const listing = new ListingDay({ listedOn: '2026-12-11', restartMinute: 8 * 60 + 45, now: () => at(14, 14, 0), onDue: () => (due += 1) });
    expect(listing.check()).toBe(true);
    expect(due).toBe(1);
  });
});
