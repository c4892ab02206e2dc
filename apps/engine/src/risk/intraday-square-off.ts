import { ENGINE_USER_ID, istDayNumber, type AccountId } from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import type { ExitScope, OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { IntradayCutoff } from './intraday-cutoff.ts';

/** Least time between two square-offs of one account (an exit refused or not yet filled is retried after it). */
const RETRY_AFTER_MS = 30_000;

export type IntradaySquareOffRound = { accountId: AccountId; canceled: number; exits: number }[];

/**
 * Squares off intraday (MIS) positions at the cut-off, as a broker's risk desk does at 15:20–15:25
 * but first, so the terminal's own exits close its books (the broker's would be orders this
 * terminal never placed: a reconciliation mismatch). From the cut-off to the end of the IST day,
 * each check first has the MIS portfolios exit by their own exit (once a day), then flattens
 * every account's MIS positions and cancels its working MIS orders with AUTO_SQUARE_OFF exits
 * (they bypass halts and limits, like the other exits). An account still holding MIS afterwards
 * (an exit refused, a late fill) is taken out again after RETRY_AFTER_MS. NRML is left alone.
 */
export class IntradaySquareOff {
  private readonly lastAttempt = new Map<AccountId, number>();
  /** The IST day whose MIS portfolios were closed. */
  private portfoliosClosedOn = -1;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(
    private readonly deps: {
      cutoff: IntradayCutoff;
      state: TradingState;
      orders: OrderManager;
      clock: Clock;
      isMarketOpen(now: number): boolean;
      logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
      /** MIS portfolios exit by their own exit first (PortfolioManager.closeIntraday). */
      portfolios?: { closeIntraday(message: string): Promise<void> };
      /** How long each account's cancels may take to settle before its exits are sent. */
      settleMs?: number;
    },
  ) {}

  start(intervalMs = 1_000): void {
    if (this.deps.cutoff.minute === null) return;
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: every account with MIS to close, once the cut-off has passed. */
  async check(): Promise<IntradaySquareOffRound> {
    const now = this.deps.clock.now();
    if (this.checking || !this.deps.cutoff.passed(now) || !this.deps.isMarketOpen(now)) return [];
    this.checking = true;
    try {
      const today = istDayNumber(now);
      if (this.deps.portfolios && this.portfoliosClosedOn !== today) {
        try {
          await this.deps.portfolios.closeIntraday(`Intraday cut-off (${this.deps.cutoff.label} IST): MIS portfolios are squared off for the day.`);
          this.portfoliosClosedOn = today;
        } catch (error) {
          this.deps.logger.error({ err: error }, 'intraday cut-off: closing MIS portfolios failed; retrying');
        }
      }
      const round: IntradaySquareOffRound = [];
      for (const accountId of this.deps.state.accounts()) {
        const scope = this.intradayScope(accountId);
        if (scope.length === 0) continue;
        const last = this.lastAttempt.get(accountId);
        if (last !== undefined && istDayNumber(last) === today && now - last < RETRY_AFTER_MS) continue;
        this.lastAttempt.set(accountId, now);
        try {
          const { canceled, exits } = await this.deps.orders.flatten({ accountId, userId: ENGINE_USER_ID, origin: 'AUTO_SQUARE_OFF', scope, ...(this.deps.settleMs === undefined ? {} : { settleMs: this.deps.settleMs }) });
          this.deps.logger.warn({ accountId, canceled: canceled.length, exits: exits.map((order) => order.orderId) }, 'intraday cut-off: MIS positions squared off');
          round.push({ accountId, canceled: canceled.length, exits: exits.length });
        } catch (error) {
          // One account's failure (its broker session ended, say) must not keep the others open.
          this.deps.logger.error({ err: error, accountId }, 'intraday square-off failed; retrying');
        }
      }
      return round;
    } finally {
      this.checking = false;
    }
  }

  /** The account's MIS positions and working MIS orders, as a flatten scope (empty: nothing to do). */
  private intradayScope(accountId: AccountId): NonNullable<ExitScope> {
    const instruments = new Set<string>();
    for (const position of this.deps.state.netPositions(accountId)) if (position.product === 'MIS' && position.netQuantity !== 0) instruments.add(position.instrumentId);
    for (const order of this.deps.state.workingOrdersOf(accountId)) if (order.product === 'MIS') instruments.add(order.instrumentId);
    return [...instruments].map((instrumentId) => ({ instrumentId, product: 'MIS' as const }));
  }
}
