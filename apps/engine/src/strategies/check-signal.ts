import { ERROR_CODES, type AccountId, type AlertOutcome, type PortfolioId, type SignalCheckQuery, type Strategy } from '@strikedesk/domain';
import type { SignalOutcomeRecord, StrategyStore } from '@strikedesk/db/client';
import { alreadyRunning, portfolioAction, portfolioSignalTarget, type PortfolioSignalDeps } from './process-portfolio-signal.ts';
import { previewReduceQuantity } from './reduce-quantity.ts';
import { decideSignal, entryRefusal, reduceArgs, signalLimitPrice, sizeOrder, type EntryGuard, type SignalDecisionDeps } from './signal-decision.ts';

export type SignalCheckDeps = SignalDecisionDeps & PortfolioSignalDeps & { strategies: Pick<StrategyStore, 'forSignal'>; now: () => number };

/**
 * What an alert would do if it were processed now (the "Check a message" dry run): the same
 * decisions as processSignal (signal-decision.ts), with the closing part sized as reduceQuantity
 * would size it — but nothing is cancelled, sent, armed or stored. The account's pre-trade risk
 * checks are not run: they decide when the order is placed.
 */
export async function checkSignal(query: SignalCheckQuery, deps: SignalCheckDeps): Promise<AlertOutcome> {
  const found = await deps.strategies.forSignal(query.strategyId, query.version);
  if (!found) return { kind: 'REFUSED', code: 'STRATEGY_NOT_FOUND', message: 'The strategy or its version no longer exists.' };
  const { strategy, config } = found;
  const accountId: AccountId | null = strategy.mode === 'PAPER' ? found.paperAccountId : strategy.accountId;
  if (!accountId) return { kind: 'REFUSED', code: 'STRATEGY_NOT_FOUND', message: 'The strategy owner has no paper account to trade in.' };
  // Processed the moment it arrives: never too old; outside the window as the intake marked it.
  const now = deps.now();
  const entryGuard = entryRefusal({ receivedAt: now, parsed: { outsideWindow: query.outsideWindow } }, config, now);
  const { message } = query;
  const decision = decideSignal({ message, strategy, config, ownerCanTrade: found.ownerCanTrade, accountId, entryGuard }, deps);
  if (decision.kind === 'OUTCOME') return outcomeOf(decision.outcome);
  if (decision.kind === 'PORTFOLIO') return checkPortfolioSignal(query, strategy, decision.portfolioId, found.paperAccountId, entryGuard, deps);

  const { instrument, intent, checked } = decision.plan;
  const closing =
    intent.closingQuantity > 0
      ? previewReduceQuantity(deps.state, reduceArgs(decision.plan, strategy, config, accountId))
      : { quantity: 0, canceledOrderIds: [] };
  const sized = sizeOrder(decision.plan, closing, entryGuard, config);
  if (sized.kind === 'OUTCOME') return outcomeOf(sized.outcome);
  const limit = signalLimitPrice(config, instrument, intent.side, deps.latest);
  if (!limit.ok) return outcomeOf(limit.outcome);
  return {
    kind: 'ORDER',
    side: intent.side,
    units: sized.quantity,
    lotSize: instrument.lotSize,
    instrumentId: instrument.id,
    instrumentName: instrument.displayName,
    orderType: config.orderType,
    product: config.product,
    limitPrice: limit.price,
    currentUnits: checked.currentUnits,
    targetUnits: intent.targetPosition,
    cancelsOrderIds: closing.canceledOrderIds,
    notOpenedUnits: sized.notOpened.notOpened ?? 0,
  };
}

/** Arm, exit, disarm or nothing, as processPortfolioSignal would decide it (without the signal's journal: a new alert has none). */
async function checkPortfolioSignal(
  query: SignalCheckQuery,
  strategy: Strategy,
  portfolioId: PortfolioId,
  paperAccountId: AccountId | null,
  entryGuard: EntryGuard | null,
  deps: SignalCheckDeps,
): Promise<AlertOutcome> {
  const target = await portfolioSignalTarget(query.message, strategy, portfolioId, paperAccountId, deps);
  if (!target.ok) return outcomeOf(target.outcome);
  const { portfolio } = target;
  const named = { portfolioId, portfolioName: portfolio.definition.settings.name };
  switch (portfolioAction(query.message)) {
    case 'BUY':
    case 'SELL': {
      if (entryGuard) return { kind: 'REFUSED', code: entryGuard.code, message: entryGuard.message };
      const running = alreadyRunning(portfolio);
      return running ? { kind: 'NONE', reason: running } : { kind: 'PORTFOLIO', action: 'ARM', ...named };
    }
    case 'EXIT':
      if (portfolio.status === 'ACTIVE' || portfolio.status === 'ENTERING') return { kind: 'PORTFOLIO', action: 'EXIT', ...named };
      if (portfolio.status === 'WAITING_ENTRY') return { kind: 'PORTFOLIO', action: 'DISARM', ...named };
      return { kind: 'NONE', reason: 'The portfolio holds nothing to exit.' };
    case 'REVERSE':
    case 'TARGET':
      return { kind: 'REFUSED', code: 'SIGNAL_PORTFOLIO_ACTION', message: ERROR_CODES.SIGNAL_PORTFOLIO_ACTION };
  }
}

/** A decision that sends nothing, as the dry run answers it. */
function outcomeOf(record: SignalOutcomeRecord): AlertOutcome {
  if (record.status === 'NO_ACTION') return { kind: 'NONE', reason: record.reasonMessage ?? 'Nothing would be sent.' };
  return { kind: 'REFUSED', code: record.reasonCode ?? 'INTERNAL', message: record.reasonMessage ?? 'The alert would not be traded.' };
}
