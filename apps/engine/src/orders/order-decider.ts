import {
  bookOf,
  canApply,
  DomainError,
  isTerminalStatus,
  isWellFormedFill,
  quantityLabel,
  unitsText,
  validateOrderSpec,
  type AccountId,
  type CancelOrderCommand,
  type ClientOrderId,
  type EngineEvent,
  type EngineEventOf,
  type Instrument,
  type HaltKind,
  type ModifyOrderCommand,
  type Order,
  type OrderId,
  type OrderOrigin,
  type OrderSpec,
  type OrderStatus,
  type OrderType,
  type PlaceOrderInput,
  type RiskLimits,
  type Tick,
  type UserId,
} from '@strikedesk/domain';
import type { BrokerEvent } from '../brokers/broker.ts';
import { checkAccountRisk, type AccountRiskView, type Denial } from '../risk/account-risk-check.ts';
import { EXIT_ORIGINS, HALT_FLATTEN_ORIGINS } from '../risk/exit-origins.ts';
import { exitLimit, reducesOnlyInView } from '../risk/reduces-only.ts';
import type { GreekRiskRequest } from '../risk/greek-risk-check.ts';
import type { IntradayOrderRequest } from '../risk/intraday-cutoff.ts';
import { toEngineEvent } from './broker-mapping.ts';
import { crossedStop, denialOf, exitDenial, NO_QUOTE, noMarketPrice } from './order-denials.ts';
import { pastExpiryClose } from '../instruments/expiry-close.ts';
import { generatedClientOrderId, type OrderIdAllocator } from './order-ids.ts';
import { maxSliceQuantity, sliceClientOrderId, sliceQuantities } from './slicing.ts';
import type { TradingState } from './trading-state.ts';

export type { Denial } from '../risk/account-risk-check.ts';

/** What the decisions read besides the trading state; everything synchronous and in memory. */
export type DecisionContext = {
  instrument(instrumentId: string): Instrument | undefined;
  latest(instrumentId: string): Tick | undefined;
  isMarketOpen(): boolean;
  /** Past the intraday square-off, MIS orders may only reduce MIS positions (risk/intraday-cutoff.ts). */
  intradayCutoff?(request: IntradayOrderRequest): Denial | null;
  /** Active kill switch / reconciliation / daily-loss halts; null when none applies to this order. */
  haltDenial?(accountId: AccountId, origin: OrderOrigin, reducesOnly: () => boolean, ignore?: HaltKind): Denial | null;
  /**
   * The account's venue cannot take orders now (its broker account is not connected, or was
   * detached): refused for every order, exits included — there is nowhere to send them.
   */
  routeDenial?(accountId: AccountId): Denial | null;
  /** The account's current limits and their version (0 = engine defaults). */
  riskLimits?(accountId: AccountId): { version: number; limits: RiskLimits };
  riskView?: AccountRiskView;
  /** Per-account limits on net Greeks (issue 5). */
  greekRisk?(request: GreekRiskRequest): Denial | null;
};

export type SubmitRequest = { accountId: AccountId; userId: UserId; order: PlaceOrderInput; origin: OrderOrigin };

/** A retried client order id meets its first result; otherwise the events to journal. */
export type SubmitDecision = { kind: 'existing'; order: Order } | { kind: 'new'; events: EngineEvent[]; denied: boolean };

/** A modify our checks let through (to journal and send), or refused (to journal as its refusal, then report). */
export type ModifyDecision =
  | { kind: 'request'; event: EngineEventOf<'OrderModifyRequested'> }
  | { kind: 'denied'; event: EngineEventOf<'OrderModifyDenied'>; denial: Denial };

export type BrokerEventDecision = { kind: 'journal'; order: Order; event: EngineEvent } | { kind: 'ignore'; reason: string };

/**
 * A broker event that tells nothing the journal does not hold: a resent fill, a second
 * acknowledgement, a cancel refused because the order had already finished. Ignored quietly.
 */
export const NO_NEWS = 'no news';

const MODIFIABLE: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED']);
const CANCELABLE: ReadonlySet<OrderStatus> = new Set(['OPEN', 'TRIGGER_PENDING', 'PARTIALLY_FILLED', 'PENDING_MODIFY']);
const needsPrice = (type: OrderType): boolean => type === 'LIMIT' || type === 'SL';
const needsTrigger = (type: OrderType): boolean => type === 'SL' || type === 'SL_M';

export const isCancelable = (order: Order): boolean => CANCELABLE.has(order.status) && order.brokerOrderId !== null;

/** A size in a refusal, in lots as the trader sized the order (units alone for an instrument no longer listed). */
const sizeText = (units: number, instrument: Instrument | undefined): string => quantityLabel(units, instrument?.lotSize ?? 0);

/**
 * The OMS's decisions, synchronous and free of I/O: a command and the state in, the events to
 * journal (or a DomainError) out. The OrderManager wraps it with the account lock, the journal and
 * the broker; the engine benchmark drives it alone (docs/benchmarks.md, "Engine core").
 *
 * Pre-trade order: shape against the instrument, halts, market open, a quote, the account's risk
 * limits, then its Greek limits. A refusal is one OrderDenied event for the whole order, with the
 * code and message the trader reads. An accepted order above the exchange freeze quantity becomes
 * several slices, journaled together in one commit.
 */
export class OrderDecider {
  constructor(
    private readonly state: TradingState,
    private readonly context: DecisionContext,
    private readonly ids: OrderIdAllocator,
  ) {}

  submit(request: SubmitRequest, now: number): SubmitDecision {
    const { accountId, userId, origin, order: input } = request;
    const requested = input.clientOrderId;
    if (requested !== undefined) {
      const existing = this.state.findByClientOrderId(accountId, requested);
      if (existing) return { kind: 'existing', order: existing };
    }
    // Fields copied by name, not with object rest/spread: this runs for every order and V8's
    // generic property copy was a measurable part of it (docs/benchmarks.md, "Engine core").
    const spec: OrderSpec = {
      instrumentId: input.instrumentId,
      side: input.side,
      type: input.type,
      product: input.product,
      quantity: input.quantity,
      price: input.price,
      triggerPrice: input.triggerPrice,
    };
    const orderId = this.ids.allocate(now);
    // Generated ids (`sd-<order id>`) cannot collide with a client's: clients may not use that prefix.
    const clientOrderId = requested ?? generatedClientOrderId(orderId);
    const instrument = this.context.instrument(spec.instrumentId);
    const slices = instrument ? sliceQuantities(spec.quantity, instrument) : [spec.quantity];
    const { denial, riskLimitsVersion } = this.check(spec, instrument, { accountId, origin, sliceCount: slices.length, now, attribution: input });
    const creation: Creation = { accountId, userId, now, origin, input, riskLimitsVersion };
    if (denial) {
      return { kind: 'new', denied: true, events: [deniedEvent(creation, orderId, clientOrderId, spec, denial)] };
    }
    if (slices.length === 1) return { kind: 'new', denied: false, events: [submittedEvent(creation, orderId, clientOrderId, spec)] };
    const events: EngineEvent[] = slices.map((quantity, index) => {
      const sliceSpec: OrderSpec = { instrumentId: spec.instrumentId, side: spec.side, type: spec.type, product: spec.product, quantity, price: spec.price, triggerPrice: spec.triggerPrice };
      const event = submittedEvent(creation, index === 0 ? orderId : this.ids.allocate(now), sliceClientOrderId(clientOrderId, accountId, index + 1), sliceSpec);
      event.slice = { parentClientOrderId: clientOrderId, index: index + 1, count: slices.length, parentQuantity: spec.quantity };
      return event;
    });
    return { kind: 'new', denied: false, events };
  }

  /**
   * A modify's request errors (unknown order, finished order, below the filled quantity, above the
   * freeze quantity) are thrown; what the pre-trade checks refuse is decided as an OrderModifyDenied
   * event, as a new order's refusal is an OrderDenied one.
   */
  modify(command: ModifyOrderCommand, now: number): ModifyDecision {
    const { accountId, modify } = command;
    const current = this.ownOrder(accountId, modify.orderId);
    if (!MODIFIABLE.has(current.status) || current.brokerOrderId === null) {
      throw new DomainError('ORDER_NOT_MODIFIABLE', `Order ${current.orderId} is ${current.status} and can no longer be modified.`);
    }
    const type = modify.type ?? current.type;
    // A field left out keeps its value when the (new) type still uses it, else it is cleared.
    const price = modify.price !== undefined ? modify.price : needsPrice(type) ? current.price : null;
    const triggerPrice = modify.triggerPrice !== undefined ? modify.triggerPrice : needsTrigger(type) ? current.triggerPrice : null;
    const quantity = modify.quantity ?? current.quantity;
    const instrument = this.context.instrument(current.instrumentId);
    if (quantity <= current.filledQuantity) {
      throw new DomainError('MODIFY_BELOW_FILLED', `${sizeText(quantity, instrument)} asked; the quantity must be above the ${sizeText(current.filledQuantity, instrument)} already filled.`);
    }
    if (instrument && quantity > maxSliceQuantity(instrument)) {
      throw new DomainError(
        'MODIFY_ABOVE_FREEZE_QUANTITY',
        `${sizeText(quantity, instrument)} asked; ${instrument.displayName} takes at most ${sizeText(maxSliceQuantity(instrument), instrument)} per order (freeze quantity ${unitsText(instrument.freezeQuantity)}): place the rest as a new order.`,
      );
    }
    // The very check a new order of the new shape gets, counting what this order already holds. Only
    // shrinking an order, nothing else changed, is never blocked by a halt: it only reduces risk.
    const spec: OrderSpec = { instrumentId: current.instrumentId, side: current.side, product: current.product, type, quantity, price, triggerPrice };
    const shrinksOnly = quantity < current.quantity && type === current.type && price === current.price && triggerPrice === current.triggerPrice;
    // An engine exit passes every check because it only closes; raising its quantity could open a
    // new position, so that change is checked as the trader's own order (halts and limits included).
    const origin = EXIT_ORIGINS.has(current.origin) && quantity > current.quantity ? 'TERMINAL' : current.origin;
    const { denial, riskLimitsVersion } = this.check(spec, instrument, {
      accountId,
      origin,
      shrinksOnly,
      triggerStands: current.triggeredAt !== null || (needsTrigger(current.type) && needsTrigger(type) && triggerPrice === current.triggerPrice),
      sliceCount: 1,
      now,
      existing: { orderId: current.orderId, workingQuantity: current.quantity - current.filledQuantity, filledQuantity: current.filledQuantity },
    });
    const asked = { accountId, orderId: current.orderId, at: now, quantity, orderType: type, price, triggerPrice, ...(riskLimitsVersion === null ? {} : { riskLimitsVersion }) };
    if (denial) return { kind: 'denied', denial, event: { type: 'OrderModifyDenied', ...asked, reasonCode: denial.code, reasonMessage: denial.message } };
    return { kind: 'request', event: { type: 'OrderModifyRequested', ...asked } };
  }

  cancel(command: CancelOrderCommand, now: number): EngineEventOf<'OrderCancelRequested'> {
    const current = this.ownOrder(command.accountId, command.cancel.orderId);
    if (!isCancelable(current)) {
      throw new DomainError('ORDER_NOT_CANCELABLE', `Order ${current.orderId} is ${current.status} and can no longer be cancelled.`);
    }
    // A cancel nobody can deliver would sit as PENDING_CANCEL while the order may still fill.
    const unrouted = this.context.routeDenial?.(current.accountId) ?? null;
    if (unrouted) throw new DomainError(unrouted.code, unrouted.message);
    return { type: 'OrderCancelRequested', accountId: current.accountId, orderId: current.orderId, at: now };
  }

  /**
   * Why an order journaled as sent, which the broker never received, may not be sent again after a
   * restart: a halt engaged since (a kill switch, a reconciliation block, a daily-loss stop unless
   * it only reduces) — sent now, it would reach the exchange past the halt. Null when it may go.
   * Its other checks passed when it was accepted, and the trader was told it was placed.
   */
  resendDenial(order: Order): Denial | null {
    const { context } = this;
    const view = context.riskView;
    const existing = { workingQuantity: order.quantity - order.filledQuantity, filledQuantity: order.filledQuantity };
    const reducing = (): boolean => view !== undefined && reducesOnlyInView(view, order.accountId, order, existing);
    // Not a broker-session halt: start-up reconnects the account before this runs, and lifting
    // that halt is not awaited; a session still down refuses the resend at the router anyway.
    return context.haltDenial?.(order.accountId, order.origin, reducing, 'BROKER_SESSION') ?? null;
  }

  /**
   * A broker event as the journal event it means for our order, or why it changes nothing. `current`
   * is the order as earlier events of the same batch leave it (they are not in the state yet).
   */
  brokerEvent(event: BrokerEvent, now: number, current?: (order: Order) => Order): BrokerEventDecision {
    const known = this.state.findByClientOrderId(event.accountId, event.clientOrderId);
    if (!known) return { kind: 'ignore', reason: 'unknown client order id' };
    const order = current ? current(known) : known;
    if (event.kind === 'filled' && !isWellFormedFill(event)) return { kind: 'ignore', reason: `malformed fill (quantity ${event.quantity}, price ${event.price})` };
    // Fills are deduplicated by the broker's trade id within the order: venues resend on reconnect.
    if (event.kind === 'filled' && this.state.hasTrade(known, event.tradeId)) return { kind: 'ignore', reason: NO_NEWS };
    // The REST answer and the update stream both acknowledge an order; the second is no news.
    if (event.kind === 'accepted' && order.brokerOrderId === event.brokerOrderId) return { kind: 'ignore', reason: NO_NEWS };
    // A trigger the journal has (a read-back repeated after a reconnect) is no news.
    if (event.kind === 'triggered' && order.triggeredAt !== null) return { kind: 'ignore', reason: NO_NEWS };
    // A modify the broker answered below what is already filled cannot stand (the exchange refuses it): reconciliation settles the modify.
    if (event.kind === 'modified' && event.quantity < order.filledQuantity) return { kind: 'ignore', reason: `modified below the ${order.filledQuantity} filled` };
    // An order its fills finished first: whether the exchange applied the modify (and the order works
    // on) is for the broker's book to say — reconciliation re-opens it from there, not a late answer.
    if (event.kind === 'modified' && order.status === 'FILLED') return { kind: 'ignore', reason: 'the order filled before the modify was answered' };
    // A cancel refused because the order had already finished (it filled first): its own events settled it.
    if (event.kind === 'cancelRejected' && isTerminalStatus(order.status)) return { kind: 'ignore', reason: NO_NEWS };
    // Only a refused cancel asks whether a modify is still owed (the order then returns to it).
    const modifyPending = event.kind === 'cancelRejected' && this.state.pendingModify(order.orderId) !== undefined;
    const engineEvent = toEngineEvent(event, order, now, modifyPending);
    // e.g. a modify rejected after the order filled: the fill already settled it.
    if (!canApply(order, engineEvent)) return { kind: 'ignore', reason: `not applicable in ${order.status}` };
    return { kind: 'journal', order, event: engineEvent };
  }

  /** A new order id, for an order the engine records without a command (an expiry settlement). */
  allocateOrderId(now: number): OrderId {
    return this.ids.allocate(now);
  }

  /** Another account's order is reported as not found: a trader must not learn it exists. */
  ownOrder(accountId: AccountId, orderId: OrderId | string): Order {
    const order = this.state.order(orderId);
    if (!order || order.accountId !== accountId) throw new DomainError('ORDER_NOT_FOUND');
    return order;
  }


  private check(
    spec: OrderSpec,
    instrument: Instrument | undefined,
    account: {
      accountId: AccountId;
      origin: OrderOrigin;
      sliceCount: number;
      now: number;
      /** A modify that only lowers the quantity: it reduces risk, so no halt or cut-off blocks it. */
      shrinksOnly?: boolean;
      /**
       * A modify of a stop that has triggered (its trigger no longer matters), or of a pending one
       * that keeps its trigger (a shrink, a new limit or size: accepted before, it triggers when the
       * price crosses it whatever the modify does — refused, a trader could not raise the limit of a
       * stop the market is running through).
       */
      triggerStands?: boolean;
      /** A new order's strategy / portfolio (an exit closes that book's position). */
      attribution?: Pick<PlaceOrderInput, 'strategyId' | 'portfolioId'>;
      existing?: { orderId: string; workingQuantity: number; filledQuantity: number };
    },
  ): { denial: Denial | null; riskLimitsVersion: number | null } {
    const { context } = this;
    if (!instrument) return { denial: denialOf(new DomainError('INSTRUMENT_NOT_FOUND', `Unknown instrument ${spec.instrumentId}.`)), riskLimitsVersion: null };
    try {
      validateOrderSpec(spec, instrument);
    } catch (error) {
      if (error instanceof DomainError) return { denial: denialOf(error), riskLimitsVersion: null };
      throw error;
    }
    // Past its expiry close the contract is settled (orders/expiry-settlement.ts), exits included:
    // the always-open sandbox still quotes it, and a live order would only meet a closed market.
    if (pastExpiryClose(instrument, account.now)) return { denial: denialOf(new DomainError('CONTRACT_EXPIRED')), riskLimitsVersion: null };
    const unrouted = context.routeDenial?.(account.accountId) ?? null;
    if (unrouted) return { denial: unrouted, riskLimitsVersion: null };
    // Asked only by a daily-loss halt (rare): not worked out for every order.
    const view = context.riskView;
    const reducing = (): boolean => view !== undefined && reducesOnlyInView(view, account.accountId, spec, account.existing);
    const halted = account.shrinksOnly ? null : (context.haltDenial?.(account.accountId, account.origin, reducing) ?? null);
    if (halted) return { denial: halted, riskLimitsVersion: null };
    // Exits pass the halts and the limits below because they only reduce: held to that here.
    if (EXIT_ORIGINS.has(account.origin) && account.existing === undefined && view !== undefined) {
      const book = account.attribution ? bookOf({ strategyId: account.attribution.strategyId ?? null, portfolioId: account.attribution.portfolioId ?? null }) : null;
      const limit = exitLimit(view, account.accountId, spec, book, spec.side === 'SELL', !HALT_FLATTEN_ORIGINS.has(account.origin));
      if (spec.quantity > limit) return { denial: exitDenial(limit, spec), riskLimitsVersion: null };
    }
    if (!context.isMarketOpen()) return { denial: denialOf(new DomainError('MARKET_CLOSED')), riskLimitsVersion: null };
    if (spec.product === 'MIS' && context.intradayCutoff && !account.shrinksOnly) {
      const { accountId, origin, now, existing } = account;
      const quantity = spec.quantity - (existing?.filledQuantity ?? 0);
      const denial = context.intradayCutoff({ accountId, instrumentId: spec.instrumentId, product: spec.product, side: spec.side, quantity, origin, now, ...(existing ? { orderId: existing.orderId } : {}) });
      if (denial) return { denial, riskLimitsVersion: null };
    }
    const tick = context.latest(spec.instrumentId);
    // An exit must go out whatever the quote (the limits below exempt it): on expiry day a deep ITM
    // option can have bids and no offers, and the kill switch still has to sell it.
    // Nor does lowering a working order: only the rate limits apply to it.
    const exit = EXIT_ORIGINS.has(account.origin);
    if (!exit && !account.shrinksOnly && (!tick || tick.bid === null || tick.ask === null)) return { denial: noMarketPrice(instrument, tick), riskLimitsVersion: null };
    // A stop the price has already passed would trigger at once — a "protective" buy stop filled at
    // the market — and Kite refuses it. Not for a modify whose trigger stands (triggerStands).
    if (tick && !account.triggerStands) {
      const crossed = crossedStop(spec, tick);
      if (crossed) return { denial: crossed, riskLimitsVersion: null };
    }
    let riskLimitsVersion: number | null = null;
    if (context.riskLimits && context.riskView) {
      const { version, limits } = context.riskLimits(account.accountId);
      riskLimitsVersion = version;
      const denial = checkAccountRisk(
        {
          accountId: account.accountId,
          instrument,
          spec,
          origin: account.origin,
          sliceCount: account.sliceCount,
          // Without a quote only an exit (exempt from the limits) or a shrink (rates only) gets here.
          quote: tick ?? NO_QUOTE,
          now: account.now,
          // Plain fields, not spreads: this literal is built for every order (bench:engine part 1).
          shrinksOnly: account.shrinksOnly === true,
          existing: account.existing,
        },
        limits,
        context.riskView,
      );
      if (denial) return { denial, riskLimitsVersion };
    }
    // Not skipped for an order that only reduces its own instrument: closing a hedge can still
    // raise the underlying's net delta past its limit (the check passes whatever lowers |Greek|).
    if (context.greekRisk && !EXIT_ORIGINS.has(account.origin)) {
      const denial = context.greekRisk({
        accountId: account.accountId,
        instrument,
        side: spec.side,
        quantity: spec.quantity - (account.existing?.filledQuantity ?? 0),
        workingQuantity: account.existing?.workingQuantity ?? 0,
        ...(account.existing ? { orderId: account.existing.orderId } : {}),
      });
      if (denial) return { denial, riskLimitsVersion };
    }
    return { denial: null, riskLimitsVersion };
  }
}


type Creation = { accountId: AccountId; userId: UserId; now: number; origin: OrderOrigin; input: PlaceOrderInput; riskLimitsVersion: number | null };

/** The OrderSubmitted event of a new order (or slice); optional fields only when set, as the journal has always had them. */
function submittedEvent(creation: Creation, orderId: OrderId, clientOrderId: ClientOrderId, spec: OrderSpec): EngineEventOf<'OrderSubmitted'> {
  const event: EngineEventOf<'OrderSubmitted'> = { type: 'OrderSubmitted', orderId, clientOrderId, accountId: creation.accountId, userId: creation.userId, at: creation.now, spec, origin: creation.origin };
  return withCreationDetails(event, creation);
}

/**
 * Built field by field like the submitted event, not as `{ ...submitted, type, reasonCode, … }`: V8
 * builds a spread-then-extend literal on its slow path, and the denied event it made stayed slow to
 * read in the fold (docs/benchmarks.md, "Fourth pass").
 */
function deniedEvent(creation: Creation, orderId: OrderId, clientOrderId: ClientOrderId, spec: OrderSpec, denial: { code: string; message: string }): EngineEventOf<'OrderDenied'> {
  const event: EngineEventOf<'OrderDenied'> = {
    type: 'OrderDenied',
    orderId,
    clientOrderId,
    accountId: creation.accountId,
    userId: creation.userId,
    at: creation.now,
    spec,
    origin: creation.origin,
    reasonCode: denial.code,
    reasonMessage: denial.message,
  };
  return withCreationDetails(event, creation);
}

/** The optional attribution (strategy, portfolio) and the limits version a creating event records. */
function withCreationDetails<E extends EngineEventOf<'OrderSubmitted'> | EngineEventOf<'OrderDenied'>>(event: E, creation: Creation): E {
  const { input } = creation;
  if (input.strategyId) {
    event.strategyId = input.strategyId;
    if (input.strategyVersion) event.strategyVersion = input.strategyVersion;
  }
  if (input.portfolioId) event.portfolioId = input.portfolioId;
  if (creation.riskLimitsVersion !== null) event.riskLimitsVersion = creation.riskLimitsVersion;
  return event;
}
