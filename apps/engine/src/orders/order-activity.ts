import { EXCHANGES, istDayNumber } from '@strikedesk/domain';

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
  perSegmentSecond: [string, number[]][];
  lastMinute: number[];
  day: number;
  dayCount: number;
};

export type OrderActivityCounts = { lastSecond: number; lastMinute: number; today: number };

/**
 * The order messages one account sent, for the rate limits: per second per exchange segment
 * (SEBI's retail-algo threshold), per minute and per IST day (the broker's caps). A new broker order
 * (each slice) and a modification each count; a cancel never does — it only reduces risk. Part of
 * the journal fold: rebuilt by replay and kept in snapshots, so a restart does not reset it.
 */
export class OrderActivity {
  private readonly perSegment = new Map<string, SlidingWindow>();
  private minute = new SlidingWindow(60_000);
  private day = -1;
  private dayCount = 0;

  record(segment: string, at: number, count = 1): void {
    let second = this.perSegment.get(segment);
    if (!second) this.perSegment.set(segment, (second = new SlidingWindow(1_000)));
    second.add(at, count);
    this.minute.add(at, count);
    const day = istDayNumber(at);
    if (day > this.day) {
      this.day = day;
      this.dayCount = count;
    } else this.dayCount += count;
  }

  counts(segment: string, now: number): OrderActivityCounts {
    return {
      lastSecond: this.perSegment.get(segment)?.count(now) ?? 0,
      lastMinute: this.minute.count(now),
      today: this.day === istDayNumber(now) ? this.dayCount : 0,
    };
  }

  snapshot(now: number): OrderActivitySnapshot {
    return {
      perSegmentSecond: [...this.perSegment].map(([segment, window]) => [segment, window.snapshot(now)] as [string, number[]]).filter(([, times]) => times.length > 0),
      lastMinute: this.minute.snapshot(now),
      day: this.day,
      dayCount: this.dayCount,
    };
  }

  static restore(snapshot: OrderActivitySnapshot): OrderActivity {
    const activity = new OrderActivity();
    for (const [segment, times] of snapshot.perSegmentSecond) activity.perSegment.set(segment, SlidingWindow.restore(1_000, times));
    activity.minute = SlidingWindow.restore(60_000, snapshot.lastMinute);
    activity.day = snapshot.day;
    activity.dayCount = snapshot.dayCount;
    return activity;
  }
}

/** The exchange segment of an instrument id (`NFO:…` → NFO): the unit of SEBI's order-rate limit. */
export const segmentOf = (instrumentId: string): string => {
  // The known exchanges as constants: a slice is a new string per order, hashed afresh by the rate windows' map.
  for (const exchange of EXCHANGES) if (instrumentId.length > exchange.length && instrumentId.charCodeAt(exchange.length) === 58 /* : */ && instrumentId.startsWith(exchange)) return exchange;
  return instrumentId.slice(0, instrumentId.indexOf(':'));
};
