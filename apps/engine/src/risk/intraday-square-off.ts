import { ENGINE_USER_ID, istDayNumber, type AccountId, type Order } from '@strikedesk/domain';
import type { Clock } from '../market/simulator-runner.ts';
import type { ExitScope, OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { IntradayCutoff } from './intraday-cutoff.ts';

/** Least time between two square-offs of one account (an exit refused or not yet filled is retried after it). */
const RETRY_AFTER_MS = 30_000;
/** Accounts taken out at once (each waits for its cancels and exits; the broker paces the orders). */
const PARALLEL_ACCOUNTS = 8;

export type IntradaySquareOffRound = { accountId: AccountId; canceled: number; exits: number }[];

export type IntradaySquareOffDeps = {
  cutoff: IntradayCutoff;
  state: TradingState;
  orders: OrderManager;
  clock: Clock;
  isMarketOpen(now: number): boolean;
  /** Why an account must be left alone now (not routable, or its positions are in doubt), or null. */
  holdReason?(accountId: AccountId): string | null;
  /** MIS portfolios exit by their own exit (PortfolioManager); what they still work on is theirs. */
  portfolios?: { closeIntraday(message: string): Promise<void>; intradayInstrumentsInUse(accountId: AccountId): ReadonlySet<string> };
  logger: { warn(details: object, message: string): void; error(details: object, message: string): void };
  /** How long each account's cancels may take to settle before its exits are sent. */
  settleMs?: number;
};

/**
 * Squares off intraday (MIS) positions at the cut-off, as a broker's risk desk does at 15:20–15:25
 * but first, so the terminal's own exits close its books (the broker's would be orders this
 * terminal never placed: a reconciliation mismatch). From the cut-off to the end of the IST day,
 * each check:
 * - starts the MIS portfolios' own exits (once a day) and leaves their positions to them while
 *   they run (two exits chasing one leg would close it twice); what a closed or failed portfolio
 *   still holds is squared off like the rest;
 * - flattens every other MIS position and cancels working MIS orders with AUTO_SQUARE_OFF exits,
 *   several accounts at a time; a MARKET exit already working (the trader's, the kill switch's,
 *   its own from a previous round), or any exit younger than RETRY_AFTER_MS, is left to finish
 *   rather than doubled — an older LIMIT exit is cancelled and replaced at market;
 * - comes back to an account still holding MIS (an exit refused, a late fill) after RETRY_AFTER_MS.
 * Accounts the engine cannot route or whose positions reconciliation disputes are skipped and
 * logged. NRML is left alone.
 */
export class IntradaySquareOff {
  private readonly lastAttempt = new Map<AccountId, number>();
  private readonly warned = new Map<string, number>();
  /** The IST day whose MIS portfolios were asked to close. */
  private portfoliosClosedOn = -1;
  private timer: NodeJS.Timeout | null = null;
  private checking = false;

  constructor(private readonly deps: IntradaySquareOffDeps) {}

  start(intervalMs = 1_000): void {
    if (this.deps.cutoff.minute === null) return;
    this.timer = setInterval(() => void this.check(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over the accounts with MIS to close, once the cut-off has passed. */
  async check(): Promise<IntradaySquareOffRound> {
    const now = this.deps.clock.now();
    if (this.checking || !this.deps.cutoff.passed(now)) return [];
    const today = istDayNumber(now);
    if (!this.deps.isMarketOpen(now)) {
      this.warnClosedWithMis(today);
      return [];
    }
    this.checking = true;
    try {
      this.startPortfolioClose(today);
      const due = this.deps.state.accounts().filter((accountId) => {
        const last = this.lastAttempt.get(accountId);
        return last === undefined || istDayNumber(last) !== today || now - last >= RETRY_AFTER_MS;
      });
      const round: IntradaySquareOffRound = [];
      let next = 0;
      // A pool rather than fixed groups: one slow account (its lock busy) holds up only its slot.
      const worker = async (): Promise<void> => {
        for (let accountId = due[next++]; accountId !== undefined; accountId = due[next++]) {
          const outcome = await this.squareOff(accountId, today, now);
          if (outcome) round.push(outcome);
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_ACCOUNTS, due.length) }, worker));
      return round;
    } finally {
      this.checking = false;
    }
  }

  private async squareOff(accountId: AccountId, today: number, now: number): Promise<IntradaySquareOffRound[number] | null> {
    const scope = this.intradayScope(accountId);
    if (scope.length === 0) return null;
    const hold = this.deps.holdReason?.(accountId) ?? null;
    if (hold !== null) {
      this.warnOnce(`${accountId}|hold`, today, { accountId, reason: hold }, 'intraday cut-off: MIS positions left open on an account the engine cannot square off now');
      return null;
    }
    this.lastAttempt.set(accountId, now);
    try {
      const { canceled, exits } = await this.deps.orders.flatten({
        accountId,
        userId: ENGINE_USER_ID,
        origin: 'AUTO_SQUARE_OFF',
        scope,
        keepExit: (order) => order.type === 'MARKET' || now - order.createdAt < RETRY_AFTER_MS,
        ...(this.deps.settleMs === undefined ? {} : { settleMs: this.deps.settleMs }),
      });
      const refused = exits.filter((order: Order) => order.status === 'DENIED' || order.status === 'REJECTED');
      if (refused.length > 0) {
        this.deps.logger.error({ accountId, refused: refused.map((order) => [order.orderId, order.reasonCode, order.reasonMessage]) }, 'intraday cut-off: MIS exits refused; retrying in 30 s');
      } else if (exits.length > 0 || canceled.length > 0) {
        this.deps.logger.warn({ accountId, canceled: canceled.length, exits: exits.map((order) => order.orderId) }, 'intraday cut-off: MIS positions squared off');
      }
      return { accountId, canceled: canceled.length, exits: exits.length };
    } catch (error) {
      // One account's failure (its broker session ended, say) must not keep the others open.
      this.deps.logger.error({ err: error, accountId }, 'intraday square-off failed; retrying in 30 s');
      return null;
    }
  }

  /** The MIS portfolios' own exits, started once a day and not awaited: a slow leg must not hold other accounts open. */
  private startPortfolioClose(today: number): void {
    const { portfolios, cutoff, logger } = this.deps;
    if (!portfolios || this.portfoliosClosedOn === today) return;
    this.portfoliosClosedOn = today;
    portfolios
      .closeIntraday(`Intraday cut-off (${cutoff.label} IST): MIS portfolios are squared off for the day.`)
      .catch((error: unknown) => logger.error({ err: error }, 'intraday cut-off: closing the MIS portfolios failed; the square-off takes over their positions'));
  }

  /**
   * The account's MIS positions and working MIS orders, as a flatten scope (empty: nothing to do),
   * without what running MIS portfolios still hold: their own exits close it.
   */
  private intradayScope(accountId: AccountId): NonNullable<ExitScope> {
    const { state } = this.deps;
    const instruments = new Set<string>();
    for (const position of state.netPositions(accountId)) if (position.product === 'MIS' && position.netQuantity !== 0) instruments.add(position.instrumentId);
    for (const order of state.workingOrdersOf(accountId)) if (order.product === 'MIS') instruments.add(order.instrumentId);
    for (const instrumentId of this.deps.portfolios?.intradayInstrumentsInUse(accountId) ?? []) instruments.delete(instrumentId);
    return [...instruments].map((instrumentId) => ({ instrumentId, product: 'MIS' as const }));
  }

  /** After the cut-off with the market closed (the engine was down, a holiday): MIS still open is carried. */
  private warnClosedWithMis(today: number): void {
    if (this.warned.get('closed') === today) return;
    const accounts = this.deps.state.accountsWithOpenPositions().filter((accountId) => this.deps.state.netPositions(accountId).some((position) => position.product === 'MIS' && position.netQuantity !== 0));
    if (accounts.length > 0) this.warnOnce('closed', today, { accounts }, 'intraday cut-off passed with the market closed: these accounts still hold MIS positions, squared off by nobody');
  }

  private warnOnce(key: string, today: number, details: object, message: string): void {
    if (this.warned.get(key) === today) return;
    this.warned.set(key, today);
    this.deps.logger.warn(details, message);
  }
}
