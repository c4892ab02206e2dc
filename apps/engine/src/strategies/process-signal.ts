import {
  AlertMessageSchema,
  bufferedLimitPrice,
  divRoundPaise,
  DomainError,
  ERROR_CODES,
  IntakeMarksSchema,
  resolveAlertTicker,
  signalIntent,
  type AccountId,
  type Order,
  type SignalStage,
  type StrategyConfig,
  type Tick,
} from '@strikedesk/domain';
import type { QueuedSignal, SignalOutcomeRecord, SignalStore, StrategyStore } from '@strikedesk/db/client';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import type { HaltBook } from '../risk/halt-book.ts';
import { sliceClientOrderId, sliceQuantities } from '../orders/slicing.ts';
import { waitForOrderRate } from './pace-order-rate.ts';
import { processPortfolioSignal, type PortfolioSignalDeps } from './process-portfolio-signal.ts';
import { reduceQuantity } from './reduce-quantity.ts';
import { strategyExposure } from './strategy-exposure.ts';

export type SignalProcessingDeps = PortfolioSignalDeps & {
  signals: SignalStore;
  strategies: StrategyStore;
  orders: OrderManager;
  state: TradingState;
  halts: HaltBook;
  latest: (instrumentId: string) => Tick | undefined;
  /** Whether the account's order-rate window (per second, per exchange segment) takes `messages` more now. */
  orderRateRoom: (accountId: AccountId, segment: string, messages: number) => boolean;
  /** Wall-clock time, to measure how long an alert waited (the database stamps receipt in real time). */
  now: () => number;
};

export type SignalOutcome = SignalOutcomeRecord;
type TimelineStep = NonNullable<SignalOutcome['events']>[number];

/** The client order id of a signal's order: deterministic, so processing it twice finds the first order. */
export const signalClientOrderId = (signalId: string): string => `tv${signalId}`;
export const signalIdOfClientOrderId = (clientOrderId: string): string | null => /^tv(\d+)(?:\.|$)/.exec(clientOrderId)?.[1] ?? null;

const refused = (code: string, message: string, stage: SignalStage = 'REJECTED'): SignalOutcome => ({ status: 'REJECTED', stage, reasonCode: code, reasonMessage: message });

/**
 * One alert from the queue to its order: strategy version → halts → instrument → intent against the
 * strategy's book → one order with a deterministic client order id. Each step lands on the
 * signal's timeline; the returned outcome is its final status.
 */
export async function processSignal(signal: QueuedSignal, deps: SignalProcessingDeps): Promise<SignalOutcome> {
  const found = await deps.strategies.forSignal(signal.strategyId, signal.strategyVersion);
  if (!found) return { status: 'FAILED', stage: 'FAILED', reasonCode: 'STRATEGY_NOT_FOUND', reasonMessage: 'The strategy or its version no longer exists.' };
  // Stored without the passphrase (the intake checked it).
  const parsed = AlertMessageSchema.omit({ passphrase: true }).safeParse(signal.parsed);
  if (!parsed.success) return { status: 'FAILED', stage: 'FAILED', reasonCode: 'INTERNAL', reasonMessage: 'The stored alert could not be read back.' };
  const message = parsed.data;
  const { strategy, config } = found;

  const accountId: AccountId | null = strategy.mode === 'PAPER' ? found.paperAccountId : strategy.accountId;
  if (!accountId) return refused('STRATEGY_NOT_FOUND', 'The strategy owner has no paper account to trade in.');

  const clientOrderId = signalClientOrderId(signal.id);
  const existing = deps.state.findByClientOrderId(accountId, clientOrderId);
  // Processed before a restart: the order exists, only the bookkeeping after it was lost. (The id
  // is reserved for signals, and the order must be this strategy's: nothing else can claim it.)
  if (existing && existing.origin === 'WEBHOOK' && existing.strategyId === strategy.id) return orderOutcome(existing, signalOrderIds(deps.state, existing), []);
  if (existing) return { status: 'FAILED', stage: 'FAILED', reasonCode: 'DUPLICATE_CLIENT_ORDER_ID', reasonMessage: `Another order already uses ${clientOrderId}.` };

  // Checked again here, not only at intake: the alert may have waited (engine down) while the
  // strategy was disabled or its owner lost the right to trade.
  if (!found.ownerCanTrade) return refused('WEBHOOK_OWNER_CANNOT_TRADE', ERROR_CODES.WEBHOOK_OWNER_CANNOT_TRADE);
  if (!strategy.enabled) return refused('WEBHOOK_STRATEGY_DISABLED', ERROR_CODES.WEBHOOK_STRATEGY_DISABLED);
  const entryGuard = entryRefusal(signal, config, deps.now());
  // A daily-loss stop lets orders that only reduce through (ADR 0014): the order's own check decides
  // that from the position, so an exit alert still closes the strategy's position under the stop.
  const halt = deps.halts.denial(accountId, 'WEBHOOK', undefined, 'DAILY_LOSS');
  if (halt) return refused(halt.code, halt.message);
  if (config.target.kind === 'PORTFOLIO') return processPortfolioSignal(signal, message, strategy, config.target.portfolioId, found.paperAccountId, deps, entryGuard);

  const resolved = resolveAlertTicker(message.ticker, config, deps.instruments);
  if (!resolved.ok) return refused(resolved.code, resolved.message);
  const { instrument } = resolved;

  const currentUnits = strategyExposure(deps.state, accountId, strategy.id, instrument.id);
  const intent = signalIntent({ message, config, lotSize: instrument.lotSize, currentUnits });
  const checked = { instrumentId: instrument.id, accountId, mode: strategy.mode, currentUnits, lotSize: instrument.lotSize };
  if (intent.kind === 'NONE') return { status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: intent.reason, detail: { ...checked, reason: intent.reason } };
  if (intent.kind === 'REFUSED') return refused(intent.code, intent.message);
  // The time window and the maximum delay guard what adds risk; the part of an alert that closes
  // the strategy's position always goes (ADR 0015: an exit left undone leaves a position open while
  // TradingView shows flat).
  if (entryGuard && intent.closingQuantity === 0) return refused(entryGuard.code, entryGuard.message);
  // A reduce — or a reversal's closing part — goes no further than what the account still holds for
  // the strategy (ADR 0015); a trade outside the strategy that closed its position has already
  // closed its book (ADR 0010). An entry still working that it would need is cancelled, not sold
  // before it is bought; the reversal's opening part is then sized from the target alone.
  const closing =
    intent.closingQuantity > 0
      ? await reduceQuantity(deps, {
          accountId,
          userId: strategy.userId,
          strategyId: strategy.id,
          instrument,
          product: config.product,
          side: intent.side,
          quantity: intent.closingQuantity,
          targetPosition: intent.reducing ? intent.targetPosition : 0,
        })
      : { quantity: 0, canceledOrderIds: [] };
  const opening = entryGuard ? 0 : intent.quantity - intent.closingQuantity;
  const quantity = closing.quantity + opening;
  const { canceledOrderIds } = closing;
  const canceled = canceledOrderIds.length > 0 ? { canceledOrderIds } : {};
  const notOpened = entryGuard && intent.quantity > intent.closingQuantity ? { notOpened: intent.quantity - intent.closingQuantity, notOpenedReason: entryGuard.message } : {};
  if (quantity === 0) {
    if (entryGuard && canceledOrderIds.length === 0 && !intent.reducing) return refused(entryGuard.code, entryGuard.message);
    const reason =
      canceledOrderIds.length > 0
        ? `The strategy's unfilled order${canceledOrderIds.length > 1 ? 's' : ''} ${canceledOrderIds.join(', ')} ${canceledOrderIds.length > 1 ? 'were' : 'was'} cancelled; it held nothing more to close, so nothing was sent.${entryGuard && !intent.reducing ? ` No new position was opened: ${entryGuard.message}` : ''}`
        : `The strategy's ${config.product} position is no longer open on the account (a trade outside the strategy, e.g. from the order ticket, closed it — or it is held in another product): nothing was sent, so no new position was opened.`;
    return { status: 'NO_ACTION', stage: 'NO_ACTION', reasonMessage: reason, detail: { ...checked, ...canceled, ...notOpened, reason } };
  }

  let price = null;
  if (config.orderType === 'LIMIT') {
    const tick = deps.latest(instrument.id);
    if (!tick) return refused('SIGNAL_NO_PRICE', `No market price for ${instrument.displayName}, so no limit price could be set.`);
    price = bufferedLimitPrice(tick.lastPrice, intent.side, Math.round(config.limitBufferPercent * 100), instrument.tickSize);
  }
  const steps: TimelineStep[] = [
    { stage: 'RISK_CHECKED', detail: { ...checked, targetUnits: intent.targetPosition, side: intent.side, quantity, ...(closing.quantity < intent.closingQuantity ? { limitedFrom: intent.quantity, limitedBy: 'what the account still holds for the strategy' } : {}), ...canceled, ...notOpened } },
    { stage: 'ORDER_SENT', detail: { clientOrderId, side: intent.side, quantity, type: config.orderType, price } },
  ];
  // Our own lag must not turn spaced alerts into a burst the rate limit denies (pace-order-rate.ts).
  const messages = sliceQuantities(quantity, instrument).length;
  await waitForOrderRate(() => deps.orderRateRoom(accountId, instrument.exchange, messages));
  let order: Order;
  try {
    order = await deps.orders.submit({
      accountId,
      userId: strategy.userId,
      origin: 'WEBHOOK',
      order: {
        instrumentId: instrument.id,
        side: intent.side,
        type: config.orderType,
        product: config.product,
        quantity,
        price,
        triggerPrice: null,
        clientOrderId: clientOrderId as never,
        strategyId: strategy.id,
        strategyVersion: signal.strategyVersion,
      },
    });
  } catch (error) {
    if (error instanceof DomainError) return { ...refused(error.code, error.message, 'ORDER_REJECTED'), events: steps };
    throw error;
  }
  return orderOutcome(order, signalOrderIds(deps.state, order), steps);
}

type EntryGuard = { code: 'SIGNAL_TOO_OLD' | 'WEBHOOK_OUTSIDE_WINDOW'; message: string };

/**
 * Why the alert may not add risk, or null: it waited longer than the strategy allows (the engine was
 * down), or it came outside the strategy's window and the gateway let it through only because it
 * could reduce (IntakeMarks). What closes the strategy's position is sent regardless.
 */
function entryRefusal(signal: QueuedSignal, config: StrategyConfig, now: number): EntryGuard | null {
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
 * Every order the signal placed: its one order, or each slice of an order above the freeze quantity
 * (slice 1 carries the signal's client order id, the others ids derived from it), so the Signals
 * screen links them all — also when a restart finds them again.
 */
function signalOrderIds(state: TradingState, order: Order): string[] {
  const ids = [order.orderId];
  for (let index = 2; index <= (order.slice?.count ?? 1); index += 1) {
    const slice = state.findByClientOrderId(order.accountId, sliceClientOrderId(order.clientOrderId, order.accountId, index));
    if (slice) ids.push(slice.orderId);
  }
  return ids;
}

/** The signal's outcome from its (first) order's state, with the broker's acknowledgement on the timeline. */
function orderOutcome(order: Order, orderIds: string[], steps: TimelineStep[]): SignalOutcome {
  const detail = { orderId: order.orderId, status: order.status, filledQuantity: order.filledQuantity };
  if (order.status === 'DENIED' || order.status === 'REJECTED') {
    return { status: 'REJECTED', stage: 'ORDER_REJECTED', reasonCode: order.reasonCode, reasonMessage: order.reasonMessage, orderIds, detail, events: steps };
  }
  if (order.status === 'SUBMITTED') return { status: 'EXECUTED', stage: 'ORDER_SENT', orderIds, detail, events: steps };
  const acknowledged: TimelineStep[] = [...steps, { stage: 'ACKNOWLEDGED', detail: { orderId: order.orderId, brokerOrderId: order.brokerOrderId } }];
  if (order.status === 'FILLED') {
    return { status: 'EXECUTED', stage: 'FILLED', orderIds, detail: { ...detail, averagePrice: divRoundPaise(order.filledValue, order.filledQuantity) }, events: acknowledged };
  }
  if (order.status === 'CANCELED') return { status: 'EXECUTED', stage: 'ORDER_CANCELED', orderIds, detail, events: acknowledged };
  // Working at the broker: acknowledged is where the timeline stands; the fill is added when it comes.
  return { status: 'EXECUTED', stage: 'ACKNOWLEDGED', orderIds, detail: { ...detail, brokerOrderId: order.brokerOrderId }, events: steps };
}
