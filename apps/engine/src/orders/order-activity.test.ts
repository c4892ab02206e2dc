import { describe, expect, it } from 'vitest';
import { OrderActivity } from './order-activity.ts';

const T0 = Date.UTC(2026, 11, 9, 5, 30); // 11:00 IST

describe('an account\'s order activity windows', () => {
  it('counts messages in the last second per segment, the last minute and the IST day', () => {
    const activity = new OrderActivity();
    activity.record('NFO', T0, 3); // an order of three slices
    activity.record('NFO', T0 + 400);
    activity.record('BFO', T0 + 500);
    expect(activity.counts('NFO', T0 + 999)).toEqual({ lastSecond: 4, lastMinute: 5, today: 5 });
    expect(activity.counts('BFO', T0 + 999)).toEqual({ lastSecond: 1, lastMinute: 5, today: 5 });
    // A message leaves the second window exactly 1,000 ms after it was sent.
    expect(activity.counts('NFO', T0 + 1_000).lastSecond).toBe(1);
    expect(activity.counts('NFO', T0 + 60_400).lastMinute).toBe(1);
    expect(new OrderActivity().counts('NFO', T0)).toEqual({ lastSecond: 0, lastMinute: 0, today: 0 });
  });

  it('starts a new day at midnight IST', () => {
    const activity = new OrderActivity();
    const lateEvening = Date.UTC(2026, 11, 9, 18, 29); // 23:59 IST
    activity.record('NFO', lateEvening, 2);
    expect(activity.counts('NFO', lateEvening).today).toBe(2);
    const afterMidnight = lateEvening + 2 * 60_000;
    expect(activity.counts('NFO', afterMidnight).today).toBe(0);
    activity.record('NFO', afterMidnight);
    expect(activity.counts('NFO', afterMidnight).today).toBe(1);
  });

  it('survives a snapshot round trip with the same counts', () => {
    const activity = new OrderActivity();
    for (let index = 0; index < 2_000; index += 1) activity.record(index % 2 ? 'NFO' : 'BFO', T0 + index * 20);
    const now = T0 + 40_000;
    const restored = OrderActivity.restore(JSON.parse(JSON.stringify(activity.snapshot(now))));
    for (const segment of ['NFO', 'BFO']) expect(restored.counts(segment, now)).toEqual(activity.counts(segment, now));
  });
});
