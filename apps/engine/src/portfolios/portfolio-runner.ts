import { shouldEvaluate } from '@strikedesk/domain';
import type { PortfolioDeps, PortfolioHandle } from './portfolio-context.ts';
import { resumeEntry } from './portfolio-entry.ts';
import { exitPortfolio } from './portfolio-exit.ts';
import { evaluateActive, evaluateWaiting } from './portfolio-monitor.ts';

/**
 * The automation of one portfolio. Everything it does — evaluations on ticks and timers, and the
 * trader's commands — runs through one queue, so an exit can never interleave with an entry or a
 * hedge. Evaluations arriving while it is busy are dropped (the next tick brings a fresher market).
 */
export class PortfolioRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private evaluating = false;
  private lastEvaluatedAt: number | null = null;
  private readonly lastSaved = { at: 0 };

  constructor(
    readonly handle: PortfolioHandle,
    private readonly deps: PortfolioDeps,
    /** Called whenever the queue empties: the manager drops runners of portfolios that stopped running. */
    private readonly onIdle?: (runner: PortfolioRunner) => void,
  ) {}

  /** Tasks queued or running (a runner with none, and not automated, can be dropped). */
  private pending = 0;

  /** Runs `task` after whatever the portfolio is doing now. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending += 1;
    const result = this.tail.then(task, task).finally(() => {
      this.pending -= 1;
      if (this.pending === 0) this.onIdle?.(this);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  get idleNow(): boolean {
    return this.pending === 0;
  }

  /** Whatever is queued has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  evaluate(cause: 'TICK' | 'TIMER'): void {
    if (this.evaluating) return;
    const status = this.handle.portfolio.status;
    if (status !== 'WAITING_ENTRY' && status !== 'ACTIVE') return;
    const now = this.deps.now();
    if (!this.deps.isMarketOpen()) return;
    // A range being built must see every tick (its high and low), whatever the monitoring cadence.
    const tracksRange = status === 'WAITING_ENTRY' && this.handle.definition.entry.rule.kind === 'RANGE_BREAKOUT';
    if (!tracksRange && !shouldEvaluate(this.handle.definition.monitoring, this.lastEvaluatedAt, now, cause)) return;
    this.lastEvaluatedAt = now;
    this.evaluating = true;
    void this.run(async () => {
      try {
        await this.step();
      } finally {
        this.evaluating = false; // inside the task: whoever awaits idle() may evaluate again at once
      }
    });
  }

  /** An evaluation now, awaited (tests and commands use it). */
  evaluateNow(): Promise<void> {
    return this.run(() => this.step());
  }

  /** Picks up where the previous engine run left this portfolio. */
  resume(): Promise<void> {
    return this.run(async () => {
      const status = this.handle.portfolio.status;
      if (status === 'ENTERING') await resumeEntry(this.handle, this.deps);
      else if (status === 'EXITING') await exitPortfolio(this.handle, this.deps, 'RESTART', 'Exit resumed after an engine restart.', null);
    });
  }

  private async step(): Promise<void> {
    try {
      const status = this.handle.portfolio.status;
      if (status === 'WAITING_ENTRY') await evaluateWaiting(this.handle, this.deps, this.lastSaved);
      else if (status === 'ACTIVE') await evaluateActive(this.handle, this.deps, this.lastSaved);
    } catch (error) {
      // A failed evaluation (database briefly down, …) is logged and tried again on the next tick.
      this.deps.logger.error({ err: error, portfolioId: this.handle.id }, 'portfolio evaluation failed');
    }
  }
}
