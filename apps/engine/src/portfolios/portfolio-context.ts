import type {
  Instrument,
  MarketSnapshot,
  Portfolio,
  PortfolioActionKind,
  PortfolioDefinition,
  PortfolioRuntime,
  PortfolioStatus,
  ResolvedLeg,
} from '@strikedesk/domain';
import type { PortfolioStore } from '@strikedesk/db/client';
import type { Logger } from 'pino';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { LegExecutionContext, LegExecutor } from './leg-executor.ts';
import { marketSnapshot, readPortfolioBook, type PortfolioBookView, type PortfolioMarket } from './portfolio-book.ts';

/** What every part of a portfolio's automation works with. */
export type PortfolioDeps = {
  store: PortfolioStore;
  executor: LegExecutor;
  orders: OrderManager;
  state: TradingState;
  market: PortfolioMarket;
  /** Resolves the legs against the live chain now (throws a DomainError a trader can read). */
  resolveLegs: (definition: PortfolioDefinition) => ResolvedLeg[];
  /** The instrument a delta hedge trades: the nearest future, or the ATM option of `right`. */
  hedgeInstrument: (underlying: string, right: 'CE' | 'PE' | null) => Instrument | null;
  now: () => number;
  isMarketOpen: () => boolean;
  logger: Logger;
  /** A portfolio's state changed (for pushes to the terminal). */
  onChange: (portfolio: Portfolio) => void;
  /** Pause between attempts to complete a failed leg (policy COMPLETE). */
  completeRetryPauseMs: number;
};

/**
 * One running portfolio's handle on its own record: the current persisted state, and the two
 * ways it changes — a status/runtime transition (saved before anything depends on it) and a
 * journaled action carrying the market snapshot that caused it.
 */
export class PortfolioHandle {
  constructor(
    public portfolio: Portfolio,
    private readonly deps: PortfolioDeps,
  ) {}

  get id() {
    return this.portfolio.id;
  }
  get definition(): PortfolioDefinition {
    return this.portfolio.definition;
  }
  get runtime(): PortfolioRuntime {
    return this.portfolio.runtime;
  }

  executionContext(): LegExecutionContext {
    const { portfolio } = this;
    return { accountId: portfolio.accountId, userId: portfolio.userId, portfolioId: portfolio.id, product: portfolio.definition.settings.product, execution: portfolio.definition.execution };
  }

  book(): PortfolioBookView {
    return readPortfolioBook(this.deps.state, this.deps.market, this.portfolio.accountId, this.portfolio.id);
  }

  snapshot(book: PortfolioBookView = this.book(), mtm: number | null = null, extraPrices: Record<string, number> = {}): MarketSnapshot {
    return marketSnapshot(this.deps.now(), this.deps.market.underlyingPrice(this.definition.settings.underlying), book, mtm, extraPrices);
  }

  async transition(status: PortfolioStatus, statusReason: string | null, runtime: PortfolioRuntime = this.portfolio.runtime): Promise<void> {
    this.portfolio = await this.deps.store.saveState(this.portfolio.id, { status, statusReason, runtime });
    this.deps.onChange(this.portfolio);
  }

  /** Runtime-only change (peak MTM, range): saved without touching the status. */
  async saveRuntime(runtime: PortfolioRuntime): Promise<void> {
    await this.transition(this.portfolio.status, this.portfolio.statusReason, runtime);
  }

  async journal(kind: PortfolioActionKind, message: string, snapshot: MarketSnapshot | null, detail: Record<string, unknown> = {}): Promise<void> {
    try {
      await this.deps.store.addAction({ portfolioId: this.portfolio.id, at: this.deps.now(), kind, message, snapshot, detail });
    } catch (error) {
      // The audit row is lost but the trading already happened: never undo a trade for a log line.
      this.deps.logger.error({ err: error, portfolioId: this.portfolio.id, kind, message }, 'portfolio action could not be journaled');
    }
    this.deps.logger.info({ portfolioId: this.portfolio.id, kind, detail }, message);
  }
}
