import {
  bufferedLimitPrice,
  ERROR_CODES,
  IntakeMarksSchema,
  resolveAlertTicker,
  signalIntent,
  type AccountId,
  type AlertMessage,
  type Instrument,
  type Paise,
  type InstrumentDirectory,
  type PortfolioId,
  type SignalIntent,
  type SignalStage,
  type Strategy,
  type StrategyConfig,
  type Tick,
} from '@strikedesk/domain';
import type { QueuedSignal, SignalOutcomeRecord } from '@strikedesk/db/client';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from '../risk/halt-book.ts';
import type { ReduceArgs } from './reduce-quantity.ts';
import { strategyExposure } from './strategy-exposure.ts';

/**
 * The decisions of signal processing that act on nothing: shared by the queue (process-signal.ts)
 * and the alert dry run (check-signal.ts), so "Check a message" cannot disagree with what a real
 * alert then does. What acts — cancelling resting entries, sending the order, arming a portfolio —
 * stays with the callers.
 */
export type SignalDecisionDeps = {
  state: TradingState;
  halts: HaltBook;
  instruments: InstrumentDirectory;
  latest: (instrumentId: string) => Tick | undefined;
};

export type EntryGuard = { code: 'SIGNAL_TOO_OLD' | 'WEBHOOK_OUTSIDE_WINDOW'; message: string };

export type SignalContext = {
  message: Omit<AlertMessage, 'passphrase'>;
  strategy: Strategy;
  config: StrategyConfig;
  ownerCanTrade: boolean;
  accountId: AccountId;
  entryGuard: EntryGuard | null;
};

type OrderIntent = Extract<SignalIntent, { kind: 'ORDER' }>;
export type OrderPlan = { instrument: Instrument; intent: OrderIntent; checked: Record<string, unknown> & { currentUnits: number } };

export type SignalDecision =
  | { kind: 'OUTCOME'; outcome: SignalOutcomeRecord }
  | { kind: 'PORTFOLIO'; portfolioId: PortfolioId }
  | { kind: 'ORDER'; plan: OrderPlan };

export const refused = (code: string, message: string, stage: SignalStage = 'REJECTED'): SignalOutcomeRecord => ({ status: 'REJECTED', stage, reasonCode: code, reasonMessage: message });

/**
 * Why the alert may not add risk, or null: it waited longer than the strategy allows (the engine was
 * down), or it came outside the strategy's window and the gateway let it through only because it
 * could reduce (IntakeMarks). What closes the strategy's position is sent regardless.
 */
export function entryRefusal(signal: Pick<QueuedSignal, 'receivedAt' | 'parsed'>, config: StrategyConfig, now: number): EntryGuard | null {
  const waitedSeconds = Math.round((now - signal.receivedAt) / 1_000);
  if (waitedSeconds > config.guards.maxDelaySeconds) {
    return { code: 'SIGNAL_TOO_OLD', message: `The alert waited ${waitedSeconds} s (the strategy allows ${config.guards.maxDelaySeconds} s): it was not traded.` };
  }
  const marks = IntakeMarksSchema.safeParse(signal.parsed);
  if (marks.success && marks.data.outsideWindow) {
    const { start, end } = config.guards.window;
    return { code: 'WEBHOOK_OUTSIDE_WINDOW', message: `This strategy accepts alerts from ${start} to ${end} IST; outside it only what closes its position is traded.` };
  }
  return null;
}

/**
 * Owner → enabled → halts → portfolio or instrument → intent against the strategy's book. Checked
 * again here, not only at intake: the alert may have waited (engine down) while the strategy was
 * disabled or its owner lost the right to trade.
 */
export function decideSignal(context: SignalContext, deps: SignalDecisionDeps): SignalDecision {
  const { message, strategy, config, accountId, entryGuard } = context;
  if (!context.ownerCanTrade) return outcome(refused('WEBHOOK_OWNER_CANNOT_TRADE', ERROR_CODES.WEBHOOK_OWNER_CANNOT_TRADE));
  if (!strategy.enabled) return outcome(refused('WEBHOOK_STRATEGY_DISABLED', ERROR_CODES.WEBHOOK_STRATEGY_DISABLED));
  // A daily-loss stop lets orders that only reduce through (ADR 0014): the order's own check decides
  // that from the position, so an exit alert still closes the strategy's position under the stop.
  const halt = deps.halts.denial(accountId, 'WEBHOOK', undefined, 'DAILY_LOSS');
  if (halt) return outcome(refused(halt.code, halt.message));
  if (config.target.kind === 'PORTFOLIO') return { kind: 'PORTFOLIO', portfolioId: config.target.portfolioId };

  const resolved = resolveAlertTicker(message.ticker, config, deps.instruments);
  if (!resolved.ok) return outcome(refused(resolved.code, resolved.message));
  const { instrument } = resolved;

  const currentUnits = strategyExposure(deps.state, accountId, strategy.id, instrument.id);
  const intent = signalIntent({ message, config, lotSize: instrument.lotSize, currentUnits });
  const checked = { instrumentId: instrument.id, accountId, mode: strategy.mode, currentUnits, lotSize: instrument.lotSize };
  if (intent.kind === 'NONE') return outcome({ status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: intent.reason, detail: { ...checked, reason: intent.reason } });
  if (intent.kind === 'REFUSED') return outcome(refused(intent.code, intent.message));
  // The time window and the maximum delay guard what adds risk; the part of an alert that closes
  // the strategy's position always goes (ADR 0015: an exit left undone leaves a position open while
  // TradingView shows flat).
  if (entryGuard && intent.closingQuantity === 0) return outcome(refused(entryGuard.code, entryGuard.message));
  return { kind: 'ORDER', plan: { instrument, intent, checked } };
}

const outcome = (record: SignalOutcomeRecord): SignalDecision => ({ kind: 'OUTCOME', outcome: record });

export type SizedOrder =
  | { kind: 'OUTCOME'; outcome: SignalOutcomeRecord }
  | { kind: 'SEND'; quantity: number; notOpened: { notOpened?: number; notOpenedReason?: string }; canceled: { canceledOrderIds?: string[] } };

/**
 * What the closing part of a plan asks of the strategy's holding (reduceQuantity, or its preview in
 * a dry run): a reduce goes to the target; a reversal closes to flat, then opens from there.
 */
export function reduceArgs(plan: OrderPlan, strategy: Pick<Strategy, 'id' | 'userId'>, config: Pick<StrategyConfig, 'product'>, accountId: AccountId): ReduceArgs {
  const { instrument, intent } = plan;
  return {
    accountId,
    userId: strategy.userId,
    strategyId: strategy.id,
    instrument,
    product: config.product,
    side: intent.side,
    quantity: intent.closingQuantity,
    targetPosition: intent.reducing ? intent.targetPosition : 0,
  };
}

/**
 * The order's size once its closing part is known (sized like an exit, see reduce-quantity.ts): the
 * opening part is the target alone, held back outside the window or past the maximum delay.
 * Nothing to send: NO_ACTION saying why (or the entry guard's refusal).
 */
export function sizeOrder(plan: OrderPlan, closing: { quantity: number; canceledOrderIds: string[] }, entryGuard: EntryGuard | null, config: StrategyConfig): SizedOrder {
  const { intent, checked } = plan;
  const opening = entryGuard ? 0 : intent.quantity - intent.closingQuantity;
  const quantity = closing.quantity + opening;
  const { canceledOrderIds } = closing;
  const canceled = canceledOrderIds.length > 0 ? { canceledOrderIds } : {};
  const notOpened = entryGuard && intent.quantity > intent.closingQuantity ? { notOpened: intent.quantity - intent.closingQuantity, notOpenedReason: entryGuard.message } : {};
  if (quantity > 0) return { kind: 'SEND', quantity, notOpened, canceled };
  if (entryGuard && canceledOrderIds.length === 0 && !intent.reducing) return { kind: 'OUTCOME', outcome: refused(entryGuard.code, entryGuard.message) };
  const reason =
    canceledOrderIds.length > 0
      ? `The strategy's unfilled order${canceledOrderIds.length > 1 ? 's' : ''} ${canceledOrderIds.join(', ')} ${canceledOrderIds.length > 1 ? 'were' : 'was'} cancelled; it held nothing more to close, so nothing was sent.${entryGuard && !intent.reducing ? ` No new position was opened: ${entryGuard.message}` : ''}`
      : `The strategy's ${config.product} position is no longer open on the account (a trade outside the strategy, e.g. from the order ticket, closed it — or it is held in another product): nothing was sent, so no new position was opened.`;
  return { kind: 'OUTCOME', outcome: { status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: reason, detail: { ...checked, ...canceled, ...notOpened, reason } } };
}

/** The order's limit price (paise) from the last traded price and the strategy's buffer; null for MARKET. */
export function signalLimitPrice(config: StrategyConfig, instrument: Instrument, side: OrderIntent['side'], latest: SignalDecisionDeps['latest']): { ok: true; price: Paise | null } | { ok: false; outcome: SignalOutcomeRecord } {
  if (config.orderType !== 'LIMIT') return { ok: true, price: null };
  const tick = latest(instrument.id);
  if (!tick) return { ok: false, outcome: refused('SIGNAL_NO_PRICE', `No market price for ${instrument.displayName}, so no limit price could be set.`) };
  return { ok: true, price: bufferedLimitPrice(tick.lastPrice, side, Math.round(config.limitBufferPercent * 100), instrument.tickSize) };
}
