import { isDeepStrictEqual } from 'node:util';
import {
  AUTOMATED_STATUSES,
  DomainError,
  emptyRuntime,
  type AccountId,
  type Portfolio,
  type PortfolioAction,
  type PortfolioDefinition,
  type PortfolioId,
  type PortfolioLive,
  type PortfolioStatus,
  type Tick,
  type UserId,
} from '@strikedesk/domain';
import type { Topic } from '../events/topic.ts';
import type { HaltBook } from '../risk/halt-book.ts';
import { PortfolioHandle, type PortfolioDeps } from './portfolio-context.ts';
import { exitPortfolio } from './portfolio-exit.ts';
import { hasOpenPositions, readPortfolioBook } from './portfolio-book.ts';
import { newPortfolioId } from './portfolio-ids.ts';
import { PortfolioRunner } from './portfolio-runner.ts';

export type PortfolioManagerDeps = PortfolioDeps & {
  halts: HaltBook;
  ticks: Topic<Tick[]>;
  /** Period of the timer evaluations (interval and candle-close monitoring, time rules). */
  timerMs?: number;
  /** Past today's intraday cut-off ("15:15"), or null: an MIS portfolio may not start then. */
  intradayCutoffPassed?: () => string | null;
};

const ACTIONS_SHOWN = 200;
/** A portfolio whose automation may be sending orders for its legs right now. */
const IN_MARKET_STATUSES: ReadonlySet<PortfolioStatus> = new Set(['ENTERING', 'ACTIVE', 'EXITING']);

/** A strategy's signal that starts or exits a portfolio (journaled with the action, for idempotency). */
export type PortfolioTrigger = { signalId: string; strategyName: string };

/** As stored (JSON: no undefined fields, keys in any order): a settings-only save keeps the legs equal. */
const asStored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const sameLegs = (a: PortfolioDefinition, b: PortfolioDefinition): boolean => isDeepStrictEqual(asStored(a.legs), asStored(b.legs));

/**
 * Owns multi-leg portfolios in the engine: the trader's commands (save, start, exit, stop, delete),
 * one PortfolioRunner per running portfolio fed by ticks and a timer, resumption after a restart,
 * and the kill switch: a halt that refuses portfolio orders for an account stops all of that
 * account's automation (positions stay; the kill switch squares them off itself).
 */
export class PortfolioManager {
  private readonly runners = new Map<string, PortfolioRunner>();
  private stopTicks: (() => void) | null = null;
  private stopHalts: (() => void) | null = null;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly deps: PortfolioManagerDeps) {}

  async start(): Promise<void> {
    for (const portfolio of await this.deps.store.running()) this.runnerFor(portfolio);
    this.stopTicks = this.deps.ticks.listen(() => this.evaluateAll('TICK'));
    this.stopHalts = this.deps.halts.onChange(() => void this.enforceHalts());
    this.timer = setInterval(() => this.evaluateAll('TIMER'), this.deps.timerMs ?? 1_000);
    this.timer.unref();
    await this.enforceHalts();
    // Resumed in the background: an entry or exit cut short by the restart is finished first.
    for (const runner of this.runners.values()) void runner.resume();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    this.stopTicks?.();
    this.stopHalts?.();
    await Promise.all([...this.runners.values()].map((runner) => runner.idle()));
  }

  /** Tests: run one evaluation of a portfolio now and wait for it (and anything it queued). */
  async evaluateNow(portfolioId: PortfolioId): Promise<void> {
    await this.runners.get(portfolioId)?.evaluateNow();
  }

  /** Tests: everything queued for a portfolio (entry, exit, resume) has finished. */
  async idle(portfolioId: PortfolioId): Promise<void> {
    await this.runners.get(portfolioId)?.idle();
  }

  async list(userId: UserId): Promise<(Portfolio & { live: PortfolioLive | null })[]> {
    const portfolios = await this.deps.store.list(userId);
    return portfolios.map((portfolio) => ({ ...this.current(portfolio), live: this.live(this.current(portfolio)) }));
  }

  async get(portfolioId: PortfolioId, userId: UserId): Promise<{ portfolio: Portfolio; actions: PortfolioAction[]; live: PortfolioLive | null }> {
    const portfolio = this.current(await this.deps.store.get(portfolioId, userId));
    return { portfolio, actions: await this.deps.store.actions(portfolioId, ACTIONS_SHOWN), live: this.live(portfolio) };
  }

  create(userId: UserId, accountId: AccountId, definition: PortfolioDefinition): Promise<Portfolio> {
    return this.deps.store.create({ id: newPortfolioId(), userId, accountId, definition });
  }

  /**
   * Saves an edited definition (PORTFOLIO_BUSY while running). Its legs stay as they are while the
   * portfolio holds positions from its last run (stopped or failed): the screen matches positions to
   * legs by leg id, so a swapped template pinned its new legs to the old instruments, and the legs
   * would no longer describe what is held. Settings (stops, targets, exits) may still change.
   */
  async update(portfolioId: PortfolioId, userId: UserId, expectedVersion: number, definition: PortfolioDefinition): Promise<Portfolio> {
    const stored = await this.deps.store.get(portfolioId, userId);
    if (!sameLegs(stored.definition, definition) && hasOpenPositions(readPortfolioBook(this.deps.state, this.deps.market, stored.accountId, stored.id))) {
      throw new DomainError('PORTFOLIO_HAS_POSITIONS', 'The portfolio still holds positions from its last run: exit them before changing its legs.');
    }
    return this.deps.store.updateDefinition({ id: portfolioId, userId, expectedVersion, definition });
  }

  async remove(portfolioId: PortfolioId, userId: UserId): Promise<void> {
    const portfolio = await this.deps.store.get(portfolioId, userId);
    if (hasOpenPositions(readPortfolioBook(this.deps.state, this.deps.market, portfolio.accountId, portfolio.id))) throw new DomainError('PORTFOLIO_HAS_POSITIONS');
    await this.deps.store.remove(portfolioId, userId);
  }

  /** Arms the portfolio: its entry rule is watched from now on (IMMEDIATE enters at once). */
  async startPortfolio(portfolioId: PortfolioId, userId: UserId, trigger?: PortfolioTrigger): Promise<Portfolio> {
    const stored = await this.deps.store.get(portfolioId, userId);
    if (AUTOMATED_STATUSES.has(stored.status)) throw new DomainError('PORTFOLIO_BUSY', 'The portfolio is already running.');
    if (hasOpenPositions(readPortfolioBook(this.deps.state, this.deps.market, stored.accountId, stored.id))) throw new DomainError('PORTFOLIO_HAS_POSITIONS', 'The portfolio still holds positions from its last run: exit them before starting it again.');
    const halt = this.deps.halts.denial(stored.accountId, 'PORTFOLIO');
    if (halt) throw new DomainError(halt.code, halt.message);
    const cutoff = stored.definition.settings.product === 'MIS' ? (this.deps.intradayCutoffPassed?.() ?? null) : null;
    if (cutoff !== null) throw new DomainError('INTRADAY_CUTOFF', `Intraday (MIS) portfolios are squared off from ${cutoff} IST and cannot start again today. Use NRML to carry it.`);
    const runner = this.runnerFor(stored);
    await runner.run(async () => {
      runner.handle.portfolio = stored; // the definition may have been edited since the runner last ran
      await runner.handle.transition('WAITING_ENTRY', 'Armed: waiting for the entry rule.', emptyRuntime());
      const by = trigger ? `Armed by strategy "${trigger.strategyName}" (signal ${trigger.signalId})` : 'Armed by the trader';
      await runner.handle.journal('ARMED', `${by}: ${describeEntry(stored.definition)}.`, runner.handle.snapshot(), trigger ? { signalId: trigger.signalId } : {});
    });
    runner.evaluate('TIMER');
    return runner.handle.portfolio;
  }

  /** Squares off the portfolio now (whatever its automation was doing) and closes it. */
  async exit(portfolioId: PortfolioId, userId: UserId, trigger?: PortfolioTrigger): Promise<Portfolio> {
    const stored = await this.deps.store.get(portfolioId, userId);
    const runner = this.runners.get(portfolioId) ?? this.runnerFor(stored);
    const holds = hasOpenPositions(runner.handle.book());
    if (!holds && stored.status !== 'ACTIVE' && stored.status !== 'ENTERING') throw new DomainError('PORTFOLIO_NOT_ACTIVE');
    const why = trigger ? `Exit by strategy "${trigger.strategyName}" (signal ${trigger.signalId}).` : 'Exit requested by the trader.';
    void runner.run(() => exitPortfolio(runner.handle, this.deps, 'MANUAL', why, null, trigger ? { signalId: trigger.signalId } : {}));
    return runner.handle.portfolio;
  }

  /** Whether a signal already armed (ARMED) or exited (EXIT_TRIGGERED) this portfolio: processing it again does nothing. */
  async actedOnSignal(portfolioId: PortfolioId, signalId: string, kind: 'ARMED' | 'EXIT_TRIGGERED'): Promise<boolean> {
    const actions = await this.deps.store.actions(portfolioId, ACTIONS_SHOWN);
    return actions.some((action) => action.kind === kind && action.detail.signalId === signalId);
  }

  /** Disarms the automation; positions and resting broker stops stay as they are. */
  async stop(portfolioId: PortfolioId, userId: UserId, reason = 'Automation stopped by the trader; positions are kept.'): Promise<Portfolio> {
    const stored = await this.deps.store.get(portfolioId, userId);
    const runner = this.runners.get(portfolioId);
    if (!runner || !AUTOMATED_STATUSES.has(stored.status)) throw new DomainError('PORTFOLIO_NOT_RUNNING');
    await runner.run(() => this.stopRunner(runner, reason));
    return runner.handle.portfolio;
  }

  /**
   * The intraday cut-off (risk/intraday-square-off.ts): MIS portfolios that hold positions exit by
   * their own exit (books, journal and status close with them), and those waiting to enter stop.
   * NRML portfolios carry on. Resolves once every one has finished; one that fails is logged (its
   * positions are then the square-off's) and does not cut the others short.
   */
  async closeIntraday(message: string): Promise<void> {
    const intraday = [...this.runners.values()].filter((runner) => runner.handle.definition.settings.product === 'MIS');
    const outcomes = await Promise.allSettled(
      intraday.map((runner) =>
        runner.run(async () => {
          if (hasOpenPositions(runner.handle.book())) await exitPortfolio(runner.handle, this.deps, 'TIME', message, null, { intradayCutoff: true });
          else await this.stopRunner(runner, message);
        }),
      ),
    );
    outcomes.forEach((outcome, index) => {
      if (outcome.status === 'rejected') this.deps.logger.error({ err: outcome.reason, portfolioId: intraday[index]?.handle.portfolio.id }, 'intraday cut-off: MIS portfolio exit failed');
    });
  }

  /**
   * Instruments an account's MIS portfolios still hold while their automation runs (entering,
   * active or exiting): theirs to close. Once a portfolio is closed, stopped or failed, what its
   * book still holds is anyone's.
   */
  intradayInstrumentsInUse(accountId: AccountId): Set<string> {
    const running = new Set<string>();
    for (const runner of this.runners.values()) {
      const { portfolio } = runner.handle;
      if (portfolio.accountId === accountId && portfolio.definition.settings.product === 'MIS' && IN_MARKET_STATUSES.has(portfolio.status)) running.add(portfolio.id);
    }
    const instruments = new Set<string>();
    if (running.size === 0) return instruments;
    for (const book of this.deps.state.bookPositionsOf(accountId)) {
      if (book.portfolioId !== null && running.has(book.portfolioId) && book.netQuantity !== 0) instruments.add(book.instrumentId);
    }
    return instruments;
  }

  private async stopRunner(runner: PortfolioRunner, reason: string): Promise<void> {
    if (!AUTOMATED_STATUSES.has(runner.handle.portfolio.status)) return;
    await runner.handle.transition('STOPPED', reason);
    await runner.handle.journal('STOPPED', reason, runner.handle.snapshot());
  }

  private async enforceHalts(): Promise<void> {
    await Promise.all(
      [...this.runners.values()].map(async (runner) => {
        const halt = this.deps.halts.denial(runner.handle.portfolio.accountId, 'PORTFOLIO');
        if (halt) await runner.run(() => this.stopRunner(runner, `Automation stopped: ${halt.message}`));
      }),
    );
  }

  private evaluateAll(cause: 'TICK' | 'TIMER'): void {
    if (this.closed) return;
    for (const runner of this.runners.values()) runner.evaluate(cause);
  }

  private runnerFor(portfolio: Portfolio): PortfolioRunner {
    const existing = this.runners.get(portfolio.id);
    if (existing) return existing;
    const runner = new PortfolioRunner(new PortfolioHandle(portfolio, this.deps), this.deps, (idle) => this.forgetIfDone(idle));
    this.runners.set(portfolio.id, runner);
    return runner;
  }

  /** A portfolio no longer running leaves the evaluation loop (the next start creates a fresh runner). */
  private forgetIfDone(runner: PortfolioRunner): void {
    if (runner.idleNow && !AUTOMATED_STATUSES.has(runner.handle.portfolio.status) && this.runners.get(runner.handle.id) === runner) this.runners.delete(runner.handle.id);
  }

  /** The runner's in-memory state is newer than the database's for a running portfolio. */
  private current(portfolio: Portfolio): Portfolio {
    return this.runners.get(portfolio.id)?.handle.portfolio ?? portfolio;
  }

  private live(portfolio: Portfolio): PortfolioLive | null {
    const book = readPortfolioBook(this.deps.state, this.deps.market, portfolio.accountId, portfolio.id);
    if (book.positions.length === 0 && portfolio.status === 'DRAFT') return null;
    return {
      portfolioId: portfolio.id,
      status: portfolio.status,
      mtm: book.totalPnl - portfolio.runtime.mtmBaseline,
      peakMtm: portfolio.runtime.peakMtm,
      netDelta: book.netDelta,
      legs: book.legs,
    };
  }
}

function describeEntry(definition: PortfolioDefinition): string {
  const rule = definition.entry.rule;
  if (rule.kind === 'IMMEDIATE') return 'enter immediately';
  if (rule.kind === 'AT_TIME') return `enter at ${rule.time}`;
  return `enter on a ${rule.direction === 'EITHER' ? '' : rule.direction === 'UP' ? 'upward ' : 'downward '}break of the ${rule.windowStart}–${rule.windowEnd} range of the ${rule.source === 'UNDERLYING' ? 'underlying' : 'combined premium'}`;
}
