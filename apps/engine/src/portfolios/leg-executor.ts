import {
  DomainError,
  type AccountId,
  type EngineEventEnvelope,
  type ExecutionSettings,
  type Instrument,
  type InstrumentId,
  type Order,
  type PortfolioId,
  type Product,
  type Side,
  type Tick,
  type UserId,
} from '@strikedesk/domain';
import type { Topic } from '../events/topic.ts';
import type { OrderManager } from '../orders/order-manager.ts';
import { maxSliceQuantity } from '../orders/slicing.ts';
import type { TradingState } from '../orders/trading-state.ts';
import { legLimitPrice } from './leg-pricing.ts';
import { waitForTerminal } from './order-waiter.ts';

export type LegExecutionContext = {
  accountId: AccountId;
  userId: UserId;
  portfolioId: PortfolioId;
  product: Product;
  execution: ExecutionSettings;
};

/**
 * One leg's order. `closing` marks orders that only take the portfolio's own positions off (exits,
 * unwinds, a leg's stop): they go as SQUARE_OFF, which no halt or account limit blocks — a trader's
 * "Exit" must work during a kill switch or a reconciliation block too.
 */
export type LegOrderPlan = {
  legId: string;
  instrumentId: InstrumentId;
  side: Side;
  quantity: number;
  closing?: boolean;
  /** The leg's own order type, over the portfolio's. */
  orderType?: ExecutionSettings['orderType'];
};

export type LegFailure = { code: string; message: string };
export type LegResult = {
  plan: LegOrderPlan;
  filledQuantity: number;
  /** Σ fill price × quantity, exact paise. */
  filledValue: number;
  orderIds: string[];
  /** Null when the whole quantity filled. */
  failure: LegFailure | null;
};

export type LegExecutorDeps = {
  orders: OrderManager;
  state: TradingState;
  published: Topic<EngineEventEnvelope>;
  instrument: (id: string) => Instrument | undefined;
  latest: (id: string) => Tick | undefined;
};

/** A leg denied by the per-second order-rate cap waits this long before its next attempt. */
const ORDER_RATE_PAUSE_MS = 1_100;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a cancel may take to be confirmed before the leg is reported stuck. */
const CANCEL_CONFIRM_MS = 10_000;

/**
 * Works one leg of a portfolio to completion: limit orders at a protected / buffered price
 * (leg-pricing.ts), re-priced to the market every `repriceAfterSeconds` up to `maxReprices`
 * times, then cancelled; quantities above the freeze quantity go as consecutive slices; a
 * rejected or unfilled round is retried at most `maxRetries` times. Our own risk denial is never
 * retried (it would only be denied again). Every order carries the portfolio id and origin
 * PORTFOLIO, so its fills land in the portfolio's book.
 */
export class LegExecutor {
  constructor(private readonly deps: LegExecutorDeps) {}

  async execute(context: LegExecutionContext, plan: LegOrderPlan, onOrder: (order: Order) => void = () => undefined): Promise<LegResult> {
    if (plan.orderType && plan.orderType !== context.execution.orderType) context = { ...context, execution: { ...context.execution, orderType: plan.orderType } };
    const result: LegResult = { plan, filledQuantity: 0, filledValue: 0, orderIds: [], failure: null };
    const instrument = this.deps.instrument(plan.instrumentId);
    if (!instrument) return { ...result, failure: { code: 'INSTRUMENT_NOT_FOUND', message: `${plan.instrumentId} is not listed.` } };
    const sliceSize = maxSliceQuantity(instrument);
    let failures = 0;
    while (result.filledQuantity < plan.quantity) {
      if (failures > context.execution.maxRetries) break;
      const quantity = Math.min(plan.quantity - result.filledQuantity, sliceSize);
      const round = await this.round(context, plan, instrument, quantity, onOrder);
      if (round.order) {
        result.orderIds.push(round.order.orderId);
        result.filledQuantity += round.order.filledQuantity;
        result.filledValue += round.order.filledValue;
      }
      if (round.failure) {
        result.failure = round.failure;
        failures += 1;
        if (!round.retryable) break;
      } else {
        result.failure = null;
      }
    }
    if (result.filledQuantity >= plan.quantity) result.failure = null;
    return result;
  }

  /** One order for `quantity`: sent, re-priced while it works, cancelled when out of re-prices. */
  private async round(
    context: LegExecutionContext,
    plan: LegOrderPlan,
    instrument: Instrument,
    quantity: number,
    onOrder: (order: Order) => void,
  ): Promise<{ order: Order | null; failure: LegFailure | null; retryable: boolean }> {
    const { execution } = context;
    const price = legLimitPrice(this.deps.latest(instrument.id), plan.side, execution, instrument.tickSize);
    if (price === null) return { order: null, failure: { code: 'NO_MARKET_PRICE', message: `No market price for ${instrument.displayName}.` }, retryable: false };
    let order: Order;
    try {
      order = await this.deps.orders.submit({
        accountId: context.accountId,
        userId: context.userId,
        origin: plan.closing ? 'SQUARE_OFF' : 'PORTFOLIO',
        order: { instrumentId: instrument.id, side: plan.side, type: 'LIMIT', product: context.product, quantity, price, triggerPrice: null, portfolioId: context.portfolioId },
      });
    } catch (error) {
      if (error instanceof DomainError) return { order: null, failure: { code: error.code, message: error.message }, retryable: false };
      throw error;
    }
    onOrder(order);
    if (order.status === 'DENIED') {
      // The exchange's order-rate cap clears within a second: worth another attempt after a pause.
      const transient = order.reasonCode === 'RISK_ORDER_RATE';
      if (transient) await sleep(ORDER_RATE_PAUSE_MS);
      return { order, failure: { code: order.reasonCode ?? 'DENIED', message: order.reasonMessage ?? 'Denied by risk checks.' }, retryable: transient };
    }
    const waitMs = execution.repriceAfterSeconds * 1_000;
    let canceledHere = false;
    for (let reprices = 0; ; reprices += 1) {
      order = await waitForTerminal(this.deps.published, this.deps.state, order.orderId, waitMs);
      if (order.status === 'FILLED') return { order, failure: null, retryable: false };
      if (order.status === 'REJECTED') {
        onOrder(order);
        return { order, failure: { code: order.reasonCode ?? 'BROKER_REJECTED', message: order.reasonMessage ?? 'The broker rejected the order.' }, retryable: true };
      }
      if (order.status === 'CANCELED' || order.status === 'EXPIRED') break;
      if (reprices >= execution.maxReprices) {
        canceledHere = true;
        order = await this.cancel(context, order);
        break;
      }
      const repriced = legLimitPrice(this.deps.latest(instrument.id), plan.side, execution, instrument.tickSize);
      if (repriced !== null && repriced !== order.price && order.status !== 'PENDING_MODIFY' && order.status !== 'SUBMITTED') {
        order = await this.deps.orders
          .modify({ accountId: context.accountId, userId: context.userId, modify: { orderId: order.orderId, price: repriced } })
          .catch(() => this.deps.state.order(order.orderId) ?? order); // filled meanwhile: the next wait sees it
      }
    }
    onOrder(order);
    if (order.filledQuantity === quantity) return { order, failure: null, retryable: false };
    // Cancelled by someone else — a kill switch's or a square-off's cancel before its own exits:
    // sending it again would race those exits for the same position.
    if (!canceledHere && order.status === 'CANCELED') {
      return { order, failure: { code: 'PORTFOLIO_LEG_CANCELED', message: `${instrument.displayName}: the order was cancelled outside the portfolio (a kill switch or a square-off); not sent again.` }, retryable: false };
    }
    if (order.status !== 'CANCELED' && order.status !== 'EXPIRED' && order.status !== 'FILLED') {
      return { order, failure: { code: 'PORTFOLIO_LEG_STUCK', message: `${instrument.displayName}: the order could not be cancelled in time; check the order book.` }, retryable: false };
    }
    return {
      order,
      failure: { code: 'PORTFOLIO_LEG_NOT_FILLED', message: `${instrument.displayName}: not filled after ${execution.maxReprices} re-prices.` },
      retryable: true,
    };
  }

  private async cancel(context: LegExecutionContext, order: Order): Promise<Order> {
    try {
      await this.deps.orders.cancel({ accountId: context.accountId, userId: context.userId, cancel: { orderId: order.orderId } });
    } catch {
      // Already terminal (filled at the last moment) or not cancelable: the wait below tells.
    }
    return waitForTerminal(this.deps.published, this.deps.state, order.orderId, CANCEL_CONFIRM_MS);
  }
}
