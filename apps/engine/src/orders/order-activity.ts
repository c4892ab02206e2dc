import { istDayNumber } from '@strikedesk/domain';

/** Timestamps in one sliding window, oldest first; pruned as time moves on. */
class SlidingWindow {
  private times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  add(at: number, count: number): void {
    for (let index = 0; index < count; index += 1) this.times.push(at);
  }

  /** Messages within (now − window, now]. */
  count(now: number): number {
    const from = now - this.windowMs;
    while (this.head < this.times.length && (this.times[this.head] as number) <= from) this.head += 1;
    if (this.head > 1_024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  snapshot(now: number): number[] {
    this.count(now);
    return this.times.slice(this.head);
  }

  static restore(windowMs: number, times: readonly number[]): SlidingWindow {
    const window = new SlidingWindow(windowMs);
    window.times = [...times];
    return window;
  }
}

export type OrderActivitySnapshot = {
  perSecond: [string, number[]][];
  perMinute: [string, number[]][];
  perDay: [string, { day: number; count: number }][];
};

export type OrderActivityCounts = { lastSecond: number; lastMinute: number; today: number };

/**
 * Order messages an account sent, for the rate limits: per second per exchange segment (SEBI's
 * retail-algo threshold), per minute and per day per account (the broker's caps). A new broker
 * order (each slice) and a modification each count; a cancel never does — it only reduces risk.
 * Part of the journal fold: rebuilt by replay, so a restart does not reset the windows.
 */
export class OrderActivity {
  private readonly perSecond = new Map<string, SlidingWindow>();
  private readonly perMinute = new Map<string, SlidingWindow>();
  private readonly perDay = new Map<string, { day: number; count: number }>();

  record(accountId: string, segment: string, at: number, count = 1): void {
    const secondKey = `${accountId}|${segment}`;
    let second = this.perSecond.get(secondKey);
    if (!second) this.perSecond.set(secondKey, (second = new SlidingWindow(1_000)));
    second.add(at, count);
    let minute = this.perMinute.get(accountId);
    if (!minute) this.perMinute.set(accountId, (minute = new SlidingWindow(60_000)));
    minute.add(at, count);
    const day = istDayNumber(at);
    const daily = this.perDay.get(accountId);
    if (!daily || daily.day < day) this.perDay.set(accountId, { day, count });
    else daily.count += count;
  }

  counts(accountId: string, segment: string, now: number): OrderActivityCounts {
    const daily = this.perDay.get(accountId);
    return {
      lastSecond: this.perSecond.get(`${accountId}|${segment}`)?.count(now) ?? 0,
      lastMinute: this.perMinute.get(accountId)?.count(now) ?? 0,
      today: daily && daily.day === istDayNumber(now) ? daily.count : 0,
    };
  }

  snapshot(now: number): OrderActivitySnapshot {
    return {
      perSecond: [...this.perSecond].map(([key, window]) => [key, window.snapshot(now)] as [string, number[]]).filter(([, times]) => times.length > 0),
      perMinute: [...this.perMinute].map(([key, window]) => [key, window.snapshot(now)] as [string, number[]]).filter(([, times]) => times.length > 0),
      perDay: [...this.perDay].map(([key, value]) => [key, { ...value }]),
    };
  }

  static restore(snapshot: OrderActivitySnapshot): OrderActivity {
    const activity = new OrderActivity();
    for (const [key, times] of snapshot.perSecond) activity.perSecond.set(key, SlidingWindow.restore(1_000, times));
    for (const [key, times] of snapshot.perMinute) activity.perMinute.set(key, SlidingWindow.restore(60_000, times));
    for (const [key, value] of snapshot.perDay) activity.perDay.set(key, { ...value });
    return activity;
  }
}
