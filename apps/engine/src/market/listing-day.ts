import { istDate, istMinuteOfDay } from '@strikedesk/domain';

/**
 * The engine builds its instrument listing at start (today's expiries and strikes, a broker's
 * master as downloaded): it does not roll while it runs. Left running over days, it would list an
 * expired series and miss the new weekly or the next month's future. So an engine whose listing is
 * from an earlier IST day restarts itself once `restartMinute` (minutes after IST midnight; before
 * the 09:00 pre-open by default) has passed: `onDue` runs once, and the process supervisor
 * (`npm start`, Docker's restart policy) starts it again with today's listing (ADR 0025).
 */
export class ListingDay {
  private timer: NodeJS.Timeout | null = null;
  private fired = false;

  constructor(
    private readonly deps: {
      /** The IST day (YYYY-MM-DD) the listing was built for. */
      listedOn: string;
      restartMinute: number;
      now(): number;
      onDue(): void;
    },
  ) {}

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Whether the listing is stale and the restart is due now; calls `onDue` the first time it is. */
  check(): boolean {
    if (this.fired) return false;
    const now = this.deps.now();
    if (istDate(now) <= this.deps.listedOn || istMinuteOfDay(now) < this.deps.restartMinute) return false;
    this.fired = true;
    this.deps.onDue();
    return true;
  }
}
