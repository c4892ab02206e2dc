import { istDayNumber, istDayStart, istDayToIsoDate, istMinuteOfDay, parseIstTime, type Strategy } from '@strikedesk/domain';
import type { SignalStore, StrategyStore } from '@strikedesk/db/client';
import type { Logger } from 'pino';

export type StrategySchedulerDeps = {
  strategies: StrategyStore;
  signals: SignalStore;
  now: () => number;
  isMarketOpen: (now: number) => boolean;
  logger: Logger;
};

const DAY_MS = 86_400_000;

/**
 * Scheduled portfolio strategies ("9:20 short straddle"): at the strategy's time on its weekdays the
 * scheduler files a buy signal for it into the same durable queue TradingView alerts go through,
 * so a scheduled entry is processed, deduplicated and shown on the Signals screen exactly like an
 * alert. One signal per strategy per IST day (dedupe key `id:schedule:<date>`); an entry the engine
 * missed by more than the strategy's maxDelaySeconds (it was down) is not made late.
 */
export class StrategyScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(private readonly deps: StrategySchedulerDeps) {}

  start(intervalMs = 15_000): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Files the signals due now; resolves with how many were filed (tests call it by hand). */
  tick(): Promise<number> {
    this.running ??= this.fileDue()
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'scheduled strategies could not be checked; retrying at the next tick');
        return 0;
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async fileDue(): Promise<number> {
    const now = this.deps.now();
    if (!this.deps.isMarketOpen(now)) return 0;
    let filed = 0;
    for (const strategy of await this.deps.strategies.scheduled()) {
      const dueAt = this.dueAt(strategy, now);
      if (dueAt === null) continue;
      const date = istDayToIsoDate(istDayNumber(now));
      const alertId = `schedule:${date}`;
      const parsed = { action: 'BUY', contracts: null, positionSize: null, marketPosition: null, ticker: null, alertId, price: null, time: new Date(dueAt).toISOString(), comment: `Scheduled entry at ${strategy.config.schedule?.time} IST` };
      const result = await this.deps.signals.intake({
        strategyId: strategy.id,
        strategyName: strategy.name,
        strategyVersion: strategy.version,
        userId: strategy.userId,
        contentType: 'application/json',
        body: JSON.stringify({ action: 'buy', source: 'schedule', date, time: strategy.config.schedule?.time }),
        sourceIp: null,
        dedupeKey: `id:${alertId}`,
        alertId,
        action: 'BUY',
        parsed,
        rejection: null,
        limits: { perMinute: strategy.config.guards.maxSignalsPerMinute, perDay: strategy.config.guards.maxSignalsPerDay, dayStartMs: istDayStart(istDayNumber(now)) },
      });
      if (result.kind === 'ACCEPTED') {
        filed += 1;
        this.deps.logger.info({ strategyId: strategy.id, signalId: result.signalId }, 'scheduled strategy entry filed');
      }
    }
    return filed;
  }

  /** When today's entry of `strategy` was due, if it is due now (weekday, time reached, not too late). */
  private dueAt(strategy: Strategy, now: number): number | null {
    const schedule = strategy.config.schedule;
    if (!schedule) return null;
    const day = istDayNumber(now);
    // 1970-01-01 was a Thursday: IST day numbers give the IST weekday (0 = Sunday).
    const weekday = (day + 4) % 7;
    if (!schedule.weekdays.includes(weekday)) return null;
    const minute = parseIstTime(schedule.time);
    if (istMinuteOfDay(now) < minute) return null;
    const dueAt = istDayStart(day) + minute * 60_000;
    if (now - dueAt > strategy.config.guards.maxDelaySeconds * 1_000 || now - dueAt > DAY_MS) return null;
    return dueAt;
  }
}
