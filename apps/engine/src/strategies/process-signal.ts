import { AlertMessageSchema, divRoundPaise, DomainError, type AccountId, type Order } from '@strikedesk/domain';
import type { QueuedSignal, SignalOutcomeRecord, SignalStore, StrategyStore } from '@strikedesk/db/client';
import type { OrderManager } from '../orders/order-manager.ts';
import type { TradingState } from '../orders/trading-state.ts';
import { sliceClientOrderId, sliceQuantities } from '../orders/slicing.ts';
import { waitForOrderRate } from './pace-order-rate.ts';
import { processPortfolioSignal, type PortfolioSignalDeps } from './process-portfolio-signal.ts';
import { reduceQuantity } from './reduce-quantity.ts';
import { decideSignal, entryRefusal, reduceArgs, refused, signalLimitPrice, sizeOrder, type SignalDecisionDeps } from './signal-decision.ts';

export type SignalProcessingDeps = PortfolioSignalDeps & SignalDecisionDeps & {
  signals: SignalStore;
  strategies: StrategyStore;
  orders: OrderManager;
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

  const entryGuard = entryRefusal(signal, config, deps.now());
  const decision = decideSignal({ message, strategy, config, ownerCanTrade: found.ownerCanTrade, accountId, entryGuard }, deps);
  if (decision.kind === 'OUTCOME') return decision.outcome;
  if (decision.kind === 'PORTFOLIO') return processPortfolioSignal(signal, message, strategy, decision.portfolioId, found.paperAccountId, deps, entryGuard);
  const { instrument, intent, checked } = decision.plan;
  // A reduce — or a reversal's closing part — goes no further than what the account still holds for
  // the strategy (ADR 0015); a trade outside the strategy that closed its position has already
  // closed its book (ADR 0010). An entry still working that it would need is cancelled, not sold
  // before it is bought; the reversal's opening part is then sized from the target alone.
  const closing =
    intent.closingQuantity > 0
      ? await reduceQuantity(deps, reduceArgs(decision.plan, strategy, config, accountId))
      : { quantity: 0, canceledOrderIds: [] };
  const sized = sizeOrder(decision.plan, closing, entryGuard, config);
  if (sized.kind === 'OUTCOME') return sized.outcome;
  const { quantity, canceled, notOpened } = sized;

  const limit = signalLimitPrice(config, instrument, intent.side, deps.latest);
  if (!limit.ok) return limit.outcome;
  const { price } = limit;
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
