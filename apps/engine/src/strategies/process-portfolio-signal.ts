import {
  alertUnderlying,
  AUTOMATED_STATUSES,
  DomainError,
  ERROR_CODES,
  type AccountId,
  type AlertMessage,
  type InstrumentDirectory,
  type Portfolio,
  type PortfolioId,
  type Strategy,
} from '@strikedesk/domain';
import type { QueuedSignal, SignalOutcomeRecord } from '@strikedesk/db/client';
import type { PortfolioManager } from '../portfolios/portfolio-manager.ts';

export type PortfolioSignalDeps = { portfolios: PortfolioManager; instruments: InstrumentDirectory };

const refused = (code: string, message: string): SignalOutcomeRecord => ({ status: 'REJECTED', stage: 'REJECTED', reasonCode: code, reasonMessage: message });

/**
 * TradingView has no exit action: a strategy's strategy.close() order alerts "sell" (closing a long)
 * or "buy" (closing a short). Its market position after the order, "flat", is what says the
 * TradingView strategy is out — so is the portfolio. Read as an entry it would find the portfolio
 * running and do nothing, and the portfolio would never be exited by its alerts.
 */
export function portfolioAction(message: Pick<AlertMessage, 'action' | 'marketPosition'>): AlertMessage['action'] {
  return (message.action === 'BUY' || message.action === 'SELL') && message.marketPosition === 'flat' ? 'EXIT' : message.action;
}

/**
 * A portfolio strategy's alert (TradingView → multi-leg portfolio, or a scheduled entry): buy/sell
 * arms the linked portfolio (its entry rule decides when it enters — usually immediately), exit
 * squares it off. Processing a signal twice does nothing the second time: the portfolio's journal
 * records which signal armed or exited it.
 */
export async function processPortfolioSignal(
  signal: QueuedSignal,
  message: Omit<AlertMessage, 'passphrase'>,
  strategy: Strategy,
  portfolioId: PortfolioId,
  paperAccountId: AccountId | null,
  deps: PortfolioSignalDeps,
  /** Set when the alert may not enter (too old, outside the window): an exit still goes (ADR 0015). */
  entryGuard: { code: string; message: string } | null = null,
): Promise<SignalOutcomeRecord> {
  const target = await portfolioSignalTarget(message, strategy, portfolioId, paperAccountId, deps);
  if (!target.ok) return target.outcome;
  const { portfolio, detail } = target;
  const trigger = { signalId: signal.id, strategyName: strategy.name };

  switch (portfolioAction(message)) {
    case 'BUY':
    case 'SELL': {
      if (await deps.portfolios.actedOnSignal(portfolioId, signal.id, 'ARMED')) return { status: 'EXECUTED', stage: 'PORTFOLIO_STARTED', detail };
      if (entryGuard) return refused(entryGuard.code, entryGuard.message);
      const running = alreadyRunning(portfolio);
      if (running) return { status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: running, detail };
      try {
        const started = await deps.portfolios.startPortfolio(portfolioId, strategy.userId, trigger);
        return { status: 'EXECUTED', stage: 'PORTFOLIO_STARTED', detail: { ...detail, status: started.status } };
      } catch (error) {
        if (error instanceof DomainError) return refused(error.code, error.message);
        throw error;
      }
    }
    case 'EXIT': {
      if (await deps.portfolios.actedOnSignal(portfolioId, signal.id, 'EXIT_TRIGGERED')) return { status: 'EXECUTED', stage: 'PORTFOLIO_EXITED', detail };
      try {
        await deps.portfolios.exit(portfolioId, strategy.userId, trigger);
        return { status: 'EXECUTED', stage: 'PORTFOLIO_EXITED', detail };
      } catch (error) {
        if (error instanceof DomainError && error.code === 'PORTFOLIO_NOT_ACTIVE') {
          // Armed by an earlier alert but not entered yet (its entry rule waits): TradingView is out,
          // so the portfolio must not enter later on its own.
          if (portfolio.status === 'WAITING_ENTRY') return disarm(deps, portfolioId, strategy, signal.id, detail);
          return { status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: 'The portfolio holds nothing to exit.', detail };
        }
        if (error instanceof DomainError) return refused(error.code, error.message);
        throw error;
      }
    }
    case 'REVERSE':
    case 'TARGET':
      return refused('SIGNAL_PORTFOLIO_ACTION', ERROR_CODES.SIGNAL_PORTFOLIO_ACTION);
  }
}

/** An arming alert finds the portfolio already running: why it does nothing, or null. */
export const alreadyRunning = (portfolio: Pick<Portfolio, 'status'>): string | null =>
  AUTOMATED_STATUSES.has(portfolio.status) ? `The portfolio is already running (${portfolio.status.toLowerCase().replace('_', ' ')}).` : null;

/**
 * The linked portfolio, checked as processing checks it before acting (shared with the alert dry
 * run): it exists, it trades in the account the strategy's mode routes to, and the alert's ticker
 * is about its underlying.
 */
export async function portfolioSignalTarget(
  message: Pick<AlertMessage, 'ticker'>,
  strategy: Strategy,
  portfolioId: PortfolioId,
  paperAccountId: AccountId | null,
  deps: PortfolioSignalDeps,
): Promise<{ ok: true; portfolio: Portfolio; detail: { portfolioId: PortfolioId; portfolioName: string } } | { ok: false; outcome: SignalOutcomeRecord }> {
  let portfolio: Portfolio;
  try {
    portfolio = (await deps.portfolios.get(portfolioId, strategy.userId)).portfolio;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'PORTFOLIO_NOT_FOUND') return { ok: false, outcome: refused('PORTFOLIO_NOT_FOUND', 'The linked portfolio no longer exists: edit the strategy.') };
    throw error;
  }
  if (strategy.mode === 'PAPER' && portfolio.accountId !== paperAccountId) {
    return { ok: false, outcome: refused('VALIDATION_FAILED', 'The strategy is in paper mode but its portfolio trades in a live account: link a paper portfolio or switch the strategy to live.') };
  }
  const underlying = portfolio.definition.settings.underlying;
  if (message.ticker !== null && message.ticker.trim() !== '') {
    const named = alertUnderlying(message.ticker, deps.instruments);
    if (named === 'unknown') return { ok: false, outcome: refused('WEBHOOK_UNKNOWN_SYMBOL', `Unknown ticker "${message.ticker.slice(0, 40)}".`) };
    if (named !== underlying) return { ok: false, outcome: refused('WEBHOOK_SYMBOL_MISMATCH', `The alert is for ${named} but the portfolio trades ${underlying}.`) };
  }
  return { ok: true, portfolio, detail: { portfolioId, portfolioName: portfolio.definition.settings.name } };
}

/** Stops a portfolio armed by the strategy that has not entered yet (nothing held, nothing to square off). */
async function disarm(deps: PortfolioSignalDeps, portfolioId: PortfolioId, strategy: Strategy, signalId: string, detail: Record<string, unknown>): Promise<SignalOutcomeRecord> {
  try {
    await deps.portfolios.stop(portfolioId, strategy.userId, `Disarmed by strategy "${strategy.name}" (signal ${signalId}): its exit alert came before the entry.`);
  } catch (error) {
    // Entered or stopped meanwhile: nothing armed is left to disarm.
    if (error instanceof DomainError && error.code === 'PORTFOLIO_NOT_RUNNING') return { status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: 'The portfolio holds nothing to exit.', detail };
    throw error;
  }
  return { status: 'EXECUTED', stage: 'PORTFOLIO_EXITED', reasonMessage: 'The portfolio was armed but had not entered: it was disarmed.', detail: { ...detail, disarmed: true } };
}
