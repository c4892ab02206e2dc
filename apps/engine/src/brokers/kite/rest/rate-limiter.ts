import { istDayNumber, istDayStart } from '@strikedesk/domain';
import { systemKiteClock, type KiteClock } from './kite-clock.ts';
import { kiteClientRefusal } from './kite-errors.ts';

/**
 * Client-side rate limits per Kite endpoint class, so the broker never has to answer 429 (repeated
 * breaches can get an app blocked).
 *
 * Hand-written rather than bottleneck (npm `bottleneck` 2.19.5, the usual choice): its last release
 * is from 2019; one limiter has one `reservoir` refreshed on a fixed interval, so "10/s AND 400/min
 * AND 5,000/day" needs three chained limiters whose fixed windows still let 2× a limit through
 * across a window edge; its windows are timed from when a job starts, not from when Kite has
 * provably seen it (below); it rejects on queue *length* (highWater), not on how long a request
 * would wait; and it reads Date.now/setTimeout directly, so tests would need fake timers.
 *
 * What we need is a small sliding log per class. A request takes a slot; the slot counts against
 * every window of its class from the moment it is sent until `windowMs` after its answer came back
 * (or it failed). Timing windows from send times is not enough: a burst's first requests can be
 * slowed on the way (connections being opened) while the next batch travels fast, and 11 would
 * arrive within one second at Kite's end. The answer proves the request reached Kite, so counting
 * from it bounds arrival times whatever the network does. `paddingMs` is a small extra margin (timer
 * granularity). Requests wait in a FIFO queue; the wait a new request faces is predicted from the
 * schedule when it asks, and one predicted to wait longer than `maxWaitMs` is refused at once
 * (BROKER_RATE_LIMITED) instead of going out stale. (The prediction assumes requests in flight are
 * answered promptly; a slow answer can make the real wait exceed it by that much.) The day cap
 * counts per IST calendar day (Kite's counters reset daily).
 */
export const KITE_RATE_CLASSES = ['quote', 'historical', 'orders', 'others'] as const;
export type KiteRateClass = (typeof KITE_RATE_CLASSES)[number];

export type RateWindow = { limit: number; windowMs: number } | { limit: number; per: 'ist-day' };
export type RateClassLimits = { windows: readonly RateWindow[]; maxWaitMs: number };
export type KiteRateLimits = Record<KiteRateClass, RateClassLimits>;

/**
 * Kite's published limits (quote 1/s, historical 3/s, order placement 10/s, everything else 10/s)
 * and the per-user order caps (400/min, 5,000/day — older pages said 200/min and 3,000/day: keep
 * them configurable per account). An order that cannot go out within 2 s is refused: by then the
 * price it was decided at is stale, and the trader should know.
 */
export const DEFAULT_KITE_RATE_LIMITS: KiteRateLimits = {
  quote: { windows: [{ limit: 1, windowMs: 1_000 }], maxWaitMs: 5_000 },
  historical: { windows: [{ limit: 3, windowMs: 1_000 }], maxWaitMs: 30_000 },
  orders: {
    windows: [
      { limit: 10, windowMs: 1_000 },
      { limit: 400, windowMs: 60_000 },
      { limit: 5_000, per: 'ist-day' },
    ],
    maxWaitMs: 2_000,
  },
  others: { windows: [{ limit: 10, windowMs: 1_000 }], maxWaitMs: 5_000 },
};

export const DEFAULT_RATE_PADDING_MS = 50;

/**
 * Which limit a request counts against. Only placing an order (POST /orders/{variety}) is "order
 * placement" in Kite's table; modify and cancel are "everything else" — which also means a cancel
 * never queues behind a burst of placements or a spent daily order cap.
 */
export function kiteRateClass(method: string, path: string): KiteRateClass {
  if (path === '/quote' || path.startsWith('/quote/')) return 'quote';
  if (path.startsWith('/instruments/historical/')) return 'historical';
  if (method === 'POST' && /^\/orders\/[a-z]+$/.test(path)) return 'orders';
  return 'others';
}

type Sliding = { limit: number; windowMs: number };
/** A granted request: `at` is its send time until it is answered, then the answer's time. */
type Slot = { at: number; done: boolean };
type Waiter = { estimate: number; grant: (release: () => void) => void };

/** One class's windows: the slots still counting, and the requests waiting for one. */
class ClassLimiter {
  private readonly sliding: Sliding[];
  private readonly dayLimit: number | null;
  private readonly longestMs: number;
  private slots: Slot[] = [];
  private readonly queue: Waiter[] = [];
  private readonly dayCounts = new Map<number, number>();
  private pausedUntil = 0;
  private wakeAt: number | null = null;

  constructor(
    private readonly rateClass: KiteRateClass,
    private readonly limits: RateClassLimits,
    private readonly clock: KiteClock,
    private readonly paddingMs: number,
  ) {
    this.sliding = limits.windows.filter((w): w is Sliding => 'windowMs' in w);
    const daily = limits.windows.filter((w) => 'per' in w).map((w) => w.limit);
    this.dayLimit = daily.length > 0 ? Math.min(...daily) : null;
    this.longestMs = Math.max(0, ...this.sliding.map((w) => w.windowMs)) + paddingMs;
  }

  /** Queues for a slot, or refuses at once when the predicted wait is too long. Resolves with the slot's release. */
  acquire(): Promise<() => void> {
    const now = this.clock.now();
    const { at, dayCapped } = this.predict(now);
    if (at - now > this.limits.maxWaitMs) return Promise.reject(this.refusal(at - now, dayCapped));
    if (this.dayLimit !== null) {
      const day = istDayNumber(at);
      this.dayCounts.set(day, (this.dayCounts.get(day) ?? 0) + 1);
      for (const known of this.dayCounts.keys()) if (known < istDayNumber(now)) this.dayCounts.delete(known);
    }
    return new Promise((grant) => {
      this.queue.push({ estimate: at, grant });
      this.pump();
    });
  }

  /** After Kite answered 429: nothing more of this class goes out before `until`. */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /**
   * When a new request would go: requests in flight taken as answered now, those queued at their
   * own predictions. Within each window, the L-th latest of those times plus the window.
   */
  private predict(now: number): { at: number; dayCapped: boolean } {
    const times = [...this.slots.map((slot) => (slot.done ? slot.at : Math.max(slot.at, now))).sort((a, b) => a - b), ...this.queue.map((w) => w.estimate)];
    let at = Math.max(now, this.queue.at(-1)?.estimate ?? now, this.pausedUntil);
    let dayCapped = false;
    // Each constraint only moves `at` later, and a later `at` never breaks one already met, except
    // that crossing midnight starts a new day count: a few rounds settle it.
    for (let round = 0; round < 4; round += 1) {
      let next = at;
      for (const window of this.sliding) {
        const latest = times[times.length - window.limit];
        if (latest !== undefined) next = Math.max(next, latest + window.windowMs + this.paddingMs);
      }
      if (this.dayLimit !== null && (this.dayCounts.get(istDayNumber(next)) ?? 0) >= this.dayLimit) {
        next = istDayStart(istDayNumber(next) + 1);
        dayCapped = true;
      }
      if (next === at) break;
      at = next;
    }
    return { at, dayCapped };
  }

  /** The earliest time the head of the queue may go; Infinity while only an answer can free a slot. */
  private readyAt(now: number): number {
    let at = Math.max(now, this.pausedUntil);
    for (const window of this.sliding) {
      const span = window.windowMs + this.paddingMs;
      const counting = this.slots.filter((slot) => !slot.done || slot.at + span > now);
      if (counting.length < window.limit) continue;
      const answered = counting.filter((slot) => slot.done).map((slot) => slot.at).sort((a, b) => a - b);
      const mustExpire = counting.length - window.limit + 1;
      const expiresLast = answered[mustExpire - 1];
      if (expiresLast === undefined) return Number.POSITIVE_INFINITY;
      at = Math.max(at, expiresLast + span);
    }
    return at;
  }

  /** Grants slots in FIFO order while the windows allow; otherwise sleeps until they will (or an answer frees one). */
  private pump(): void {
    for (let head = this.queue[0]; head; head = this.queue[0]) {
      const now = this.clock.now();
      const at = this.readyAt(now);
      if (at === Number.POSITIVE_INFINITY) return;
      if (at > now) return this.wake(at);
      this.queue.shift();
      const slot: Slot = { at: now, done: false };
      this.slots = this.slots.filter((s) => !s.done || s.at + this.longestMs > now);
      this.slots.push(slot);
      head.grant(() => {
        if (slot.done) return;
        slot.done = true;
        slot.at = Math.max(slot.at, this.clock.now());
        this.pump();
      });
    }
  }

  private wake(at: number): void {
    // An earlier wake-up already pending will look again and re-arm for this one.
    if (this.wakeAt !== null && this.wakeAt <= at) return;
    this.wakeAt = at;
    void this.clock.sleep(at - this.clock.now()).then(() => {
      if (this.wakeAt === at) this.wakeAt = null;
      this.pump();
    });
  }

  private refusal(waitMs: number, dayCapped: boolean) {
    const details = { rateClass: this.rateClass, waitMs };
    if (dayCapped) {
      return kiteClientRefusal(
        'BROKER_RATE_LIMITED',
        `The broker's daily limit of ${this.dayLimit} ${this.rateClass === 'orders' ? 'orders' : 'requests'} is reached: this one was not sent.`,
        details,
      );
    }
    const what = this.rateClass === 'orders' ? 'orders' : `${this.rateClass} requests`;
    return kiteClientRefusal(
      'BROKER_RATE_LIMITED',
      `Too many ${what} queued for the broker's rate limit: this one would wait ${(waitMs / 1000).toFixed(1)} s, so it was not sent.`,
      details,
    );
  }
}

export type KiteRateLimiterOptions = {
  limits?: Partial<KiteRateLimits>;
  clock?: KiteClock;
  paddingMs?: number;
};

/** One per Kite API key (Kite counts per key): shared by every client of that account. */
export class KiteRateLimiter {
  private readonly classes: Record<KiteRateClass, ClassLimiter>;
  private readonly clock: KiteClock;

  constructor(options: KiteRateLimiterOptions = {}) {
    this.clock = options.clock ?? systemKiteClock;
    const padding = options.paddingMs ?? DEFAULT_RATE_PADDING_MS;
    const limits = { ...DEFAULT_KITE_RATE_LIMITS, ...options.limits };
    this.classes = {
      quote: new ClassLimiter('quote', limits.quote, this.clock, padding),
      historical: new ClassLimiter('historical', limits.historical, this.clock, padding),
      orders: new ClassLimiter('orders', limits.orders, this.clock, padding),
      others: new ClassLimiter('others', limits.others, this.clock, padding),
    };
  }

  /**
   * Waits for a slot (FIFO within the class) and resolves with its release: call it once the
   * request is answered or has failed — the slot keeps counting until a window after that. Rejects
   * at once with BROKER_RATE_LIMITED, without queueing, when the predicted wait exceeds `maxWaitMs`.
   */
  acquire(rateClass: KiteRateClass): Promise<() => void> {
    return this.classes[rateClass].acquire();
  }

  /** Holds the class back for `ms` (Kite said 429: its counter disagrees with ours for now). */
  pause(rateClass: KiteRateClass, ms: number): void {
    this.classes[rateClass].pauseUntil(this.clock.now() + ms);
  }
}
