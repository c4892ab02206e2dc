import { ENGINE_USER_ID, istDayNumber, istDayStart, rupeesLabel, type AccountId, type Paise, type TradingHalt } from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from './halt-book.ts';
import type { RiskLimitsBook } from './risk-limits-book.ts';

const rupees = (amount: number): string => rupeesLabel(amount as Paise);

/**
 * The daily loss limit with square-off: once an account's day P&L reaches −limit, it halts the
 * account (DAILY_LOSS) and flattens it with RISK-origin orders — once per account per trading day,
 * so an admin who releases the halt is not overruled a second later. (Without square-off configured
 * the limit only blocks risk-increasing orders, which the pre-trade check does on its own.)
 */
export class DailyLossMonitor {
  private readonly stoppedOn = new Map<AccountId, number>();
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly deps: {
      state: TradingState;
      limits: RiskLimitsBook;
      halts: HaltBook;
      orders: OrderManager;
      dayPnl(accountId: AccountId): Paise;
      clock: Clock;
      logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
    },
  ) {}

  /** Remembers today's daily-loss stops (active or released) so a restart does not repeat them. */
  async load(): Promise<void> {
    const today = istDayNumber(this.deps.clock.now());
    // All of today's, however many other halts came since (the newest 1,000 of every kind could
    // leave out a released stop, which would then fire again on the account).
    for (const halt of await this.deps.halts.engagedSince('DAILY_LOSS', istDayStart(today))) {
      if (halt.accountId !== null && istDayNumber(halt.engagedAt) === today) this.stoppedOn.set(halt.accountId, today);
    }
  }

  start(intervalMs = 1_000): void {
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the accounts with positions; returns the accounts it stopped. */
  async check(): Promise<AccountId[]> {
    if (this.checking) return [];
    this.checking = true;
    try {
      const today = istDayNumber(this.deps.clock.now());
      const stopped: AccountId[] = [];
      for (const accountId of this.deps.state.accountsWithOpenPositions()) {
        const { limits } = this.deps.limits.get(accountId);
        if (limits.dailyLossLimit === null || !limits.squareOffOnDailyLoss || this.stoppedOn.get(accountId) === today) continue;
        const pnl = this.deps.dayPnl(accountId);
        if (pnl > -limits.dailyLossLimit) continue;
        let halt: TradingHalt;
        try {
          halt = await this.engageHalt(accountId, pnl, limits.dailyLossLimit);
        } catch (error) {
          // Not stopped yet: the next pass (a second later) tries again rather than never that day.
          this.deps.logger.error({ err: error, accountId }, 'daily loss limit reached but the halt could not be recorded; retrying');
          continue;
        }
        this.stoppedOn.set(accountId, today);
        stopped.push(accountId);
        try {
          await this.flatten(accountId, halt);
        } catch (error) {
          this.deps.logger.error({ err: error, accountId }, 'daily loss square-off failed');
        }
      }
      return stopped;
    } finally {
      this.checking = false;
    }
  }

  private async engageHalt(accountId: AccountId, pnl: Paise, limit: Paise): Promise<TradingHalt> {
    const halt = await this.deps.halts.engage({
      scope: 'ACCOUNT',
      accountId,
      kind: 'DAILY_LOSS',
      reason: `Daily loss limit reached: day P&L ${rupees(pnl)}, limit ${rupees(-limit)}. Positions squared off.`,
      flatten: true,
      engagedBy: null,
      details: { dayPnl: pnl, limit },
    });
    this.deps.logger.warn({ accountId, dayPnl: pnl, limit, haltId: halt.id }, 'daily loss limit reached; squaring off');
    return halt;
  }

  private async flatten(accountId: AccountId, halt: TradingHalt): Promise<void> {
    const { canceled, exits } = await this.deps.orders.flatten({ accountId, userId: ENGINE_USER_ID, origin: 'RISK' });
    await this.deps.halts.addDetails(halt.id, { canceledOrderIds: canceled.map((order) => order.orderId), exitOrderIds: exits.map((order) => order.orderId) });
  }
}
