import {
  bookOf,
  DomainError,
  istDayNumber,
  istDayStart,
  isShownToday,
  toPositionView,
  type AccountId,
  type CancelOrderCommand,
  type EngineEvent,
  type EngineEventEnvelope,
  type EngineEventOf,
  type ErrorCode,
  type ModifyOrderCommand,
  type Order,
  type OrderOrigin,
  type OrderStatus,
  type PositionState,
  type PositionView,
  type Product,
  type UserId,
} from '@strikedesk/domain';
import { DuplicateClientOrderIdError } from '@strikedesk/db/client';
import type { Broker } from '../brokers/broker.ts';
import type { Topic } from '../events/topic.ts';
import type { Clock } from '../market/simulator-runner.ts';
import { sleep, type BackoffOptions } from '../backoff.ts';
import { BrokerEventJournaler, type BrokerEventLogger } from './broker-event-journaler.ts';
import { toOrderRequest, toResumeState } from './broker-mapping.ts';
import type { JournalWriter } from './journal-writer.ts';
import { KeyedMutex } from './keyed-mutex.ts';
import { isCancelable, OrderDecider, type DecisionContext, type SubmitRequest } from './order-decider.ts';
import { bookExits } from './book-exits.ts';
import { EXIT_ORIGINS, HALT_FLATTEN_ORIGINS } from '../risk/exit-origins.ts';
import { exitLimit } from '../risk/reduces-only.ts';
import { OrderIdAllocator } from './order-ids.ts';
import type { TradingState } from './trading-state.ts';

export type OrderManagerLogger = BrokerEventLogger & { info(details: object, message: string): void };

export type OrderManagerDeps = {
  state: TradingState;
  writer: JournalWriter;
  broker: Broker;
  context: DecisionContext;
  clock: Clock;
  published: Topic<EngineEventEnvelope>;
  logger: OrderManagerLogger;
  /** How long a command waits for the broker's answer before returning the in-flight order. */
  acknowledgementTimeoutMs?: number;
  /** How long close() waits for broker events still being journaled (retrying) before giving up. */
  shutdownGraceMs?: number;
  /** Backoff of broker-event journal retries. */
  retry?: BackoffOptions;
  /**
   * Whether the exchange session of a DAY order placed at `placedAt` has closed by `now`
   * (MarketSessionRule.dayOrderEnded). An in-process venue restored at start expires such orders:
   * nothing saw that close while the engine was down. Absent: sessions never end (tests).
   */
  dayOrderEnded?(placedAt: number, now: number): boolean;
};

/** Which open orders and positions an exit acts on; absent = all of the account's. */
export type ExitScope = { instrumentId: string; product: Product }[] | undefined;

const AWAITING_BROKER: ReadonlySet<OrderStatus> = new Set(['SUBMITTED', 'PENDING_MODIFY', 'PENDING_CANCEL']);
/** Least time between two rounds of cancels while taking an account out (a refusing broker answers at once). */
const CANCEL_RETRY_MS = 250;
const inScope = (scope: ExitScope, item: { instrumentId: string; product: Product }): boolean =>
  scope === undefined || scope.some((entry) => entry.instrumentId === item.instrumentId && entry.product === item.product);

/**
 * The OMS: turns commands into journaled events (decided by the OrderDecider), hands them to the
 * broker only after they are journaled, and folds the broker's answers back in. Every command and
 * broker event of an account runs under that account's lock; journal order across accounts is kept
 * by the JournalWriter.
 */
export class OrderManager {
  readonly mutex = new KeyedMutex();
  readonly decider: OrderDecider;
  /** Accounts with a flatten running (a halt's keep-flat pass waits for them: two would close twice). */
  private readonly flattening = new Map<AccountId, number>();
  private readonly timeoutMs: number;
  private readonly brokerEvents: BrokerEventJournaler;
  private unsubscribeBroker: (() => void) | null = null;
  /** Commands waiting for the broker's answer, by order id (`cancel`: a cancel's): one journal listener serves them all. */
  private readonly answerWaiters = new Map<string, Set<{ answered(): void; cancel: boolean }>>();
  private readonly unsubscribeAnswers: () => void;

  constructor(private readonly deps: OrderManagerDeps) {
    this.timeoutMs = deps.acknowledgementTimeoutMs ?? 1_500;
    this.decider = new OrderDecider(deps.state, deps.context, new OrderIdAllocator(deps.state.highestOrderNumber));
    const { writer, clock, logger, retry } = deps;
    this.brokerEvents = new BrokerEventJournaler({ decider: this.decider, writer, clock, logger, retry, mutex: this.mutex });
    this.unsubscribeAnswers = deps.published.listen((envelope) => {
      // A refused cancel is the cancel's answer even when it leaves the order awaiting a modify's —
      // but not the modify's: that one waits on for its own answer.
      const cancelAnswerOnly = AWAITING_BROKER.has(envelope.order.status);
      if (cancelAnswerOnly && envelope.event.type !== 'OrderCancelRejected') return;
      const waiters = this.answerWaiters.get(envelope.order.orderId);
      if (waiters) for (const waiter of [...waiters]) if (waiter.cancel || !cancelAnswerOnly) waiter.answered();
    });
  }

  /**
   * Connects to the broker after the journal was replayed: an in-process venue rebuilds its books
   * from the journal's view; then broker events flow in. Start-up reconciliation runs next
   * (Reconciler), settling what happened while the engine was down.
   */
  start(): void {
    const { state, broker } = this.deps;
    broker.resume(
      toResumeState({
        openOrders: () => state.openOrders(),
        knownBrokerOrderIds: () => state.knownBrokerOrderIds(),
        knownTradeIds: () => state.knownTradeIds(),
        netPositions: () =>
          state
            .accounts()
            .flatMap((accountId) => state.positionsOf(accountId))
            .filter((position) => position.netQuantity !== 0)
            .map(({ accountId, instrumentId, product, netQuantity }) => ({ accountId, instrumentId, product, netQuantity })),
        sessionEnded: (order) => this.deps.dayOrderEnded?.(order.createdAt, this.deps.clock.now()) ?? false,
      }),
    );
    this.unsubscribeBroker = broker.onEvent((event) => this.brokerEvents.handle(event));
  }

  /**
   * Stops listening to the broker after journaling what it already said: events still queued
   * (fills included) are written before the pool closes, so a shutdown never loses a fill. If the
   * journal stays unwritable past the grace period, the unwritten events are reported and dropped
   * (reconciliation recovers them from the broker's books at the next start).
   */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the broker's microtask outbox flush
    let graceTimer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => (graceTimer = setTimeout(() => resolve('timeout'), this.deps.shutdownGraceMs ?? 10_000)));
    const outcome = await Promise.race([this.mutex.idle(), graceOver]);
    clearTimeout(graceTimer);
    if (outcome === 'timeout') this.brokerEvents.abandon();
    this.deps.writer.close(); // also wakes a commit stuck re-reading an unreachable journal
    await this.mutex.idle();
    this.unsubscribeBroker?.();
    this.unsubscribeBroker = null;
    this.unsubscribeAnswers();
  }

  /** Broker events received but not yet journaled (queued behind their account, or retrying). */
  get pendingBrokerEvents(): number {
    return this.brokerEvents.pendingCount;
  }

  /** Journals a new order (or its denial) and sends it; returns it once the broker answered. */
  async submit(request: SubmitRequest): Promise<Order> {
    const result = await this.mutex.run(request.accountId, () => this.submitLocked(request));
    return result.created ? this.settle(result.order) : result.order;
  }

  async modify(command: ModifyOrderCommand): Promise<Order> {
    const order = await this.mutex.run(command.accountId, async () => {
      const current = this.decider.ownOrder(command.accountId, command.modify.orderId);
      const decision = this.decider.modify(command, this.deps.clock.now());
      if (decision.kind === 'denied') return this.refuseModify(decision.event, decision.denial);
      const { event } = decision;
      const [envelope] = await this.commit([event]);
      if (!envelope || current.brokerOrderId === null) throw new Error('modify of an order without a broker id');
      const { orderType: type, quantity, price, triggerPrice } = event;
      this.deps.broker.modifyOrder({ accountId: current.accountId, clientOrderId: current.clientOrderId, brokerOrderId: current.brokerOrderId, product: current.product, type, quantity, price, triggerPrice });
      return envelope.order;
    });
    return this.settle(order);
  }

  /**
   * Journals a modify our checks refused (the order's history and reason show it), then tells the
   * trader why. The order itself is unchanged, so a journal that cannot record the refusal only
   * costs that record: the trader still hears the reason rather than a journal error.
   */
  private async refuseModify(event: EngineEventOf<'OrderModifyDenied'>, denial: { code: ErrorCode; message: string }): Promise<never> {
    await this.commit([event]).catch((error: unknown) => this.deps.logger.warn({ err: error, orderId: event.orderId, reasonCode: event.reasonCode }, 'a refused modify could not be journaled'));
    throw new DomainError(denial.code, denial.message);
  }

  async cancel(command: CancelOrderCommand): Promise<Order> {
    const order = await this.mutex.run(command.accountId, async () => {
      const [envelope] = await this.commit([this.decider.cancel(command, this.deps.clock.now())]);
      if (!envelope) throw new Error('journal commit returned nothing');
      this.sendCancel(envelope.order);
      return envelope.order;
    });
    return this.settle(order, { cancel: true });
  }

  /**
   * Cancels the account's working orders except exits (square-off, kill switch, risk stop: they
   * take the account out), if `stillWanted()` holds once the account's lock is held — a halt
   * released meanwhile must not cancel the orders placed after it.
   */
  cancelWorkingEntries(accountId: AccountId, stillWanted: () => boolean): Promise<Order[]> {
    return this.mutex.run(accountId, () => (stillWanted() ? this.cancelLocked(accountId, (order) => !EXIT_ORIGINS.has(order.origin)) : Promise.resolve([])));
  }

  private async cancelLocked(accountId: AccountId, select: (order: Order) => boolean): Promise<Order[]> {
    const now = this.deps.clock.now();
    const targets = this.deps.state.openOrdersOf(accountId).filter((order) => isCancelable(order) && select(order));
    if (targets.length === 0) return [];
    const envelopes = await this.commit(targets.map((order) => ({ type: 'OrderCancelRequested', accountId, orderId: order.orderId, at: now }) satisfies EngineEvent));
    for (const envelope of envelopes) this.sendCancel(envelope.order);
    return envelopes.map((envelope) => envelope.order);
  }

  /**
   * Takes the account out of its positions (in scope): cancels the open orders on them and waits
   * (up to `settleMs`) until none is left working or in flight — an order filling meanwhile changes
   * what must be closed — then sends a MARKET order against each position still open, sliced above
   * the freeze quantity. Exits bypass halts and limits (their origin says so).
   *
   * `keepExit` (a sweep that comes back, like the intraday square-off): the exit orders it accepts
   * are left to finish, and a position with one working gets no new exit this time — cancelling an
   * exit whose cancel the broker has not confirmed yet and sending another would close it twice.
   */
  async flatten(args: {
    accountId: AccountId;
    userId: UserId;
    origin: OrderOrigin;
    scope?: ExitScope;
    settleMs?: number;
    keepExit?: (order: Order) => boolean;
    /** Asked before cancelling and again under the account's lock before the exits: false, and nothing more is done. */
    onlyIf?: () => boolean;
  }): Promise<{ canceled: Order[]; exits: Order[] }> {
    const { accountId } = args;
    if (args.onlyIf?.() === false) return { canceled: [], exits: [] };
    this.flattening.set(accountId, (this.flattening.get(accountId) ?? 0) + 1);
    try {
      return await this.flattenAccount(args);
    } finally {
      const left = (this.flattening.get(accountId) ?? 1) - 1;
      if (left > 0) this.flattening.set(accountId, left);
      else this.flattening.delete(accountId);
    }
  }

  /** True while a flatten of the account runs (its cancels, its exits and their first answers). */
  isFlattening(accountId: AccountId): boolean {
    return this.flattening.has(accountId);
  }

  private async flattenAccount(args: Parameters<OrderManager['flatten']>[0]): Promise<{ canceled: Order[]; exits: Order[] }> {
    const { accountId, userId, origin, scope } = args;
    // A halt's flatten leaves another halt's exits working (an account's kill switch and the global
    // one, or a daily-loss stop, engaged together): it counts no working exit (ADR 0011), so
    // cancelling and replacing them would close the position twice if a cancel came too late.
    const haltFlatten = HALT_FLATTEN_ORIGINS.has(origin);
    const kept = (order: Order): boolean => EXIT_ORIGINS.has(order.origin) && ((haltFlatten && HALT_FLATTEN_ORIGINS.has(order.origin)) || (args.keepExit?.(order) ?? false));
    const canceled = await this.quiesce(accountId, scope, args.settleMs ?? 3_000, (order) => !kept(order));
    const exits = await this.mutex.run(accountId, async () => {
      const orders: Order[] = [];
      if (args.onlyIf?.() === false) return orders;
      const books = this.deps.state.bookPositionsOf(accountId);
      const exiting = this.positionsWith(accountId, kept);
      for (const position of this.deps.state.positionsOf(accountId)) {
        if (position.netQuantity === 0 || !inScope(scope, position) || exiting.has(`${position.instrumentId}|${position.product}`)) continue;
        // One exit per virtual book holding the position (and one for the rest), so books close too.
        for (const exit of bookExits(position, books)) {
          // No more than what the exits already working on it leave (an exit of its book, or one
          // the broker could not cancel yet) — a halt's flatten excepted (exitLimit, ADR 0011).
          const quantity = Math.min(exit.quantity, exitLimit(this.deps.state, accountId, position, bookOf(exit), exit.side === 'SELL', !haltFlatten));
          if (quantity === 0) continue;
          const order = {
            instrumentId: position.instrumentId,
            side: exit.side,
            type: 'MARKET',
            product: position.product,
            quantity,
            price: null,
            triggerPrice: null,
            ...(exit.strategyId ? { strategyId: exit.strategyId } : {}),
            ...(exit.portfolioId ? { portfolioId: exit.portfolioId } : {}),
          } as const;
          // Every slice of an exit above the freeze quantity is an exit of its own.
          const result = await this.submitLocked({ accountId, userId, origin, order });
          orders.push(...result.slices);
        }
      }
      return orders;
    });
    return { canceled, exits: await Promise.all(exits.map((order) => this.settle(order))) };
  }

  /** A trader's square-off: NOTHING_TO_SQUARE_OFF when neither a position nor an open order is in scope. */
  async squareOff(args: { accountId: AccountId; userId: UserId; scope?: ExitScope }): Promise<{ canceled: Order[]; exits: Order[] }> {
    const { state } = this.deps;
    const hasPosition = state.positionsOf(args.accountId).some((position) => position.netQuantity !== 0 && inScope(args.scope, position));
    const hasOrders = state.openOrdersOf(args.accountId).some((order) => inScope(args.scope, order));
    if (!hasPosition && !hasOrders) throw new DomainError('NOTHING_TO_SQUARE_OFF');
    return this.flatten({ ...args, origin: 'SQUARE_OFF' });
  }

  /** Today's orders and every unfinished one, newest first. */
  listOrders(accountId: AccountId): Order[] {
    return this.deps.state.ordersOf(accountId, istDayStart(istDayNumber(this.deps.clock.now())));
  }

  /** Net positions (as the broker holds them) open now or traded today, marked at the last price. */
  listPositions(accountId: AccountId): PositionView[] {
    return this.views(this.deps.state.positionsOf(accountId));
  }

  /** The virtual books: positions attributed to strategies and portfolios. */
  listBookPositions(accountId: AccountId): PositionView[] {
    return this.views(this.deps.state.bookPositionsOf(accountId));
  }

  /** Runs `task` under the account's lock (reconciliation uses it to settle an account's orders). */
  withAccount<T>(accountId: AccountId, task: () => Promise<T>): Promise<T> {
    return this.mutex.run(accountId, task);
  }

  /** Journals events under the caller's account lock (reconciliation's derived events). */
  commit(events: EngineEvent[]): Promise<EngineEventEnvelope[]> {
    return this.deps.writer.commit(events).catch((error: unknown) => {
      // The unique index caught a clientOrderId memory did not know (e.g. a second engine on this DB).
      if (error instanceof DuplicateClientOrderIdError) throw new DomainError('DUPLICATE_CLIENT_ORDER_ID');
      throw error;
    });
  }

  /** Why such an order may not be sent again now (a halt engaged since), or null (OrderDecider.resendDenial). */
  resendDenial(order: Order): { code: string; message: string } | null {
    return this.decider.resendDenial(order);
  }

  /** Sends an order the journal holds as SUBMITTED (reconciliation: it never reached the broker). */
  resend(order: Order): void {
    this.deps.broker.placeOrder(toOrderRequest(order));
  }

  sendCancel(order: Order): void {
    if (order.brokerOrderId === null) return;
    this.deps.broker.cancelOrder({ accountId: order.accountId, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId });
  }

  /** `order`: the first (or only) slice, what a submit answers; `slices`: all of them. */
  private async submitLocked(request: SubmitRequest): Promise<{ order: Order; slices: Order[]; created: boolean }> {
    const decision = this.decider.submit(request, this.deps.clock.now());
    if (decision.kind === 'existing') return { order: decision.order, slices: [decision.order], created: false };
    const envelopes = await this.commit(decision.events);
    const first = envelopes[0];
    if (!first) throw new Error('journal commit returned nothing');
    if (!decision.denied) for (const envelope of envelopes) this.deps.broker.placeOrder(toOrderRequest(envelope.order));
    return { order: first.order, slices: envelopes.map((envelope) => envelope.order), created: true };
  }

  /** Positions (`instrument|product`) with a selected order working or in flight. */
  private positionsWith(accountId: AccountId, select: (order: Order) => boolean): Set<string> {
    const positions = new Set<string>();
    for (const order of this.deps.state.openOrdersOf(accountId)) if (select(order)) positions.add(`${order.instrumentId}|${order.product}`);
    return positions;
  }

  /** Cancels what is in scope (and selected) until nothing there is working or in flight, or the time is up. */
  private async quiesce(accountId: AccountId, scope: ExitScope, settleMs: number, select: (order: Order) => boolean): Promise<Order[]> {
    const started = Date.now(); // real time: the broker answers in real time whatever the market clock says
    const canceled = new Map<string, Order>();
    const targeted = (order: Order): boolean => inScope(scope, order) && select(order);
    const pending = () => this.deps.state.openOrdersOf(accountId).filter(targeted);
    const cancelable = () => this.deps.state.openOrdersOf(accountId).some((order) => isCancelable(order) && targeted(order));
    for (;;) {
      const round = Date.now();
      for (const order of await this.mutex.run(accountId, () => this.cancelLocked(accountId, targeted))) canceled.set(order.orderId, order);
      if (pending().length === 0 || Date.now() - started >= settleMs) break;
      await this.nextEvent(accountId, Math.max(1, settleMs - (Date.now() - started)));
      // A broker that refuses a cancel answers at once; asking again at once would hammer it (and
      // its rate limit, shared with the order-book reads that report the fills we wait for).
      const wait = Math.min(round + CANCEL_RETRY_MS - Date.now(), settleMs - (Date.now() - started));
      if (wait > 0 && cancelable()) await sleep(wait);
    }
    const left = pending();
    if (left.length > 0) this.deps.logger.warn({ accountId, orders: left.map((order) => [order.orderId, order.status]) }, 'orders still open after the exit grace period');
    return [...canceled.values()].map((order) => this.deps.state.order(order.orderId) ?? order);
  }

  /** Resolves at the account's next journaled event, or after `ms`. */
  private nextEvent(accountId: AccountId, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const unlisten = this.deps.published.listen((envelope) => {
        if (envelope.event.accountId === accountId) done();
      });
      function done(): void {
        clearTimeout(timer);
        unlisten();
        resolve();
      }
    });
  }

  private views(positions: PositionState[]): PositionView[] {
    const today = istDayNumber(this.deps.clock.now());
    return positions
      .filter((position) => isShownToday(position, today))
      .map((position) => {
        // The tick itself: its time tells a quote of an earlier session (positionMarkOf).
        return toPositionView(position, this.deps.context.latest(position.instrumentId) ?? null, today);
      });
  }

  /**
   * Waits briefly for the broker's answer so a command usually returns the settled order. Once the
   * broker has answered, the events it sent right behind that answer (a paper MARKET order is
   * accepted and filled at once) are journaled before returning, so the caller sees FILLED, not a
   * transient OPEN. A broker that stays silent leaves the order in flight (returned as is).
   */
  private settle(order: Order, awaiting: { cancel: boolean } = { cancel: false }): Promise<Order> {
    if (!AWAITING_BROKER.has(order.status)) return Promise.resolve(order);
    const { state } = this.deps;
    return new Promise((resolve) => {
      let done = false;
      const finish = (answered: boolean): void => {
        if (done) return;
        done = true;
        const waiters = this.answerWaiters.get(order.orderId);
        waiters?.delete(waiter);
        if (waiters?.size === 0) this.answerWaiters.delete(order.orderId);
        clearTimeout(timer);
        const current = () => state.order(order.orderId) ?? order;
        if (!answered) return resolve(current());
        void this.drainBrokerEvents(order.accountId).then(() => resolve(current()));
      };
      const waiter = { answered: () => finish(true), cancel: awaiting.cancel };
      let waiters = this.answerWaiters.get(order.orderId);
      if (!waiters) this.answerWaiters.set(order.orderId, (waiters = new Set()));
      waiters.add(waiter);
      const timer = setTimeout(() => finish(false), this.timeoutMs);
      const latest = state.order(order.orderId);
      if (latest && !AWAITING_BROKER.has(latest.status)) finish(true);
    });
  }

  /** Lets the broker's outbox flush (it emits on a microtask), then journals what it queued. */
  private async drainBrokerEvents(accountId: AccountId): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await this.mutex.drained(accountId);
  }
}
