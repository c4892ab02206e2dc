import { xtsClientRefusal } from './xts-errors.ts';
import type { XtsHttpLimiter, XtsRequest } from './xts-http.ts';

/**
 * Client-side rate limits for an XTS API, one sliding window per class of request, so XTS never has
 * to answer 429. Classes and numbers come from the API that uses it (the limits differ per API and
 * per broker, and XTS publishes few of them), hence a classifier and a table instead of constants.
 *
 * A slot counts from the moment its request is sent until `windowMs` after the answer came back:
 * counting from send times alone lets a burst whose first requests were slowed on the way arrive
 * closer together than the limit at XTS's end; the answer proves arrival, so counting from it bounds
 * arrival times whatever the network does (the same reasoning as the Kite limiter, ADR 0019).
 * Requests wait FIFO per class. One that would wait longer than `maxWaitMs` (estimated from the
 * slots and queue ahead of it, as if answers came promptly) is refused at once with
 * BROKER_RATE_LIMITED instead of going out stale.
 */
export type XtsRateLimit = { limit: number; windowMs: number; maxWaitMs: number };

/** Extra margin on every window, for timer granularity and clock skew. */
export const XTS_RATE_PADDING_MS = 50;

type Slot = { at: number; done: boolean };

class Lane {
  private slots: Slot[] = [];
  private readonly queue: ((release: () => void) => void)[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly spanMs: number;

  constructor(
    readonly name: string,
    private readonly rule: XtsRateLimit,
    paddingMs: number,
  ) {
    this.spanMs = rule.windowMs + paddingMs;
  }

  acquire(): Promise<() => void> {
    const now = Date.now();
    this.prune(now);
    const ahead = this.slots.length + this.queue.length;
    const windowsToWait = Math.floor(ahead / this.rule.limit);
    const estimate = Math.max(0, this.pausedUntil - now) + windowsToWait * this.spanMs;
    if (estimate > this.rule.maxWaitMs) {
      return Promise.reject(
        xtsClientRefusal('BROKER_RATE_LIMITED', `Too many ${this.name} requests queued for the broker's rate limit: this one would wait ${(estimate / 1000).toFixed(1)} s, so it was not sent.`),
      );
    }
    return new Promise((grant) => {
      this.queue.push(grant);
      this.pump();
    });
  }

  /** XTS said 429: its count disagrees with ours, so nothing of this class goes for a window. */
  pause(): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + this.spanMs);
  }

  private prune(now: number): void {
    this.slots = this.slots.filter((slot) => !slot.done || slot.at + this.spanMs > now);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const now = Date.now();
      this.prune(now);
      if (this.pausedUntil > now) return this.wake(this.pausedUntil - now);
      if (this.slots.length >= this.rule.limit) {
        const answered = this.slots.filter((slot) => slot.done).map((slot) => slot.at);
        // Only an answer can free a slot while every counted request is still in flight.
        if (answered.length === 0) return;
        return this.wake(Math.min(...answered) + this.spanMs - now);
      }
      const grant = this.queue.shift();
      if (!grant) return;
      const slot: Slot = { at: now, done: false };
      this.slots.push(slot);
      grant(() => {
        if (slot.done) return;
        slot.done = true;
        slot.at = Math.max(slot.at, Date.now());
        this.pump();
      });
    }
  }

  private wake(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(1, ms));
  }
}

export class XtsRateLimiter<C extends string> implements XtsHttpLimiter {
  private readonly lanes = new Map<C, Lane>();

  constructor(
    limits: Record<C, XtsRateLimit>,
    private readonly classify: (request: Pick<XtsRequest, 'method' | 'path'>) => C,
    paddingMs: number = XTS_RATE_PADDING_MS,
  ) {
    for (const [name, rule] of Object.entries(limits) as [C, XtsRateLimit][]) {
      if (!(rule.limit >= 1) || !(rule.windowMs > 0)) throw new RangeError(`XTS rate limit ${name}: needs limit ≥ 1 and windowMs > 0`);
      this.lanes.set(name, new Lane(name, rule, paddingMs));
    }
  }

  acquire(request: Pick<XtsRequest, 'method' | 'path'>): Promise<() => void> {
    return this.lane(request).acquire();
  }

  rateLimited(request: Pick<XtsRequest, 'method' | 'path'>): void {
    this.lane(request).pause();
  }

  private lane(request: Pick<XtsRequest, 'method' | 'path'>): Lane {
    const name = this.classify(request);
    const lane = this.lanes.get(name);
    if (!lane) throw new RangeError(`XTS rate limit: no limit configured for class ${name}`);
    return lane;
  }
}
