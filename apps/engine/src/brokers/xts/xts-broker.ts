import { DomainError, type AccountId, type ClientOrderId } from '@strikedesk/domain';
import type { Broker, BrokerBooks, BrokerCancelRequest, BrokerCapabilities, BrokerEvent, BrokerModifyRequest, BrokerOrderRequest, BrokerOrderSnapshot } from '../broker.ts';
import { CANCEL_REFUSAL_CODES } from '../broker.ts';
import { letGoOfUnlistedAdopted, type AdoptableOrder } from '../accounts/adoptable-orders.ts';
import { DEFAULT_FILLS_WAIT_MS, readFinal, type FillProgress } from '../fills-before-final.ts';
import { InFlightRequests } from '../in-flight-requests.ts';
import { isXtsOutcomeUnknown } from './xts-errors.ts';
import type { EngineIoVersion } from './xts-socket-io.ts';
import type { XtsInteractiveClient } from './interactive/xts-interactive-client.ts';
import type { XtsOrderView, XtsTradeView } from './interactive/xts-order-mapping.ts';
import { XtsOrderStream } from './interactive/xts-order-stream.ts';
import type { XtsInstrumentDirectory } from './xts-instrument-directory.ts';
import { BrokerListeners } from '../broker-listeners.ts';

/** XTS has no after-market orders or basket margins in its public Interactive API. */
export const XTS_CAPABILITIES: BrokerCapabilities = {
  modifyOrder: 'NATIVE',
  cancelOrder: 'NATIVE',
  stopLossLimit: 'NATIVE',
  stopLossMarket: 'NATIVE',
  afterMarketOrders: 'UNSUPPORTED',
  basketMargins: 'UNSUPPORTED',
  orderUpdateStream: 'NATIVE',
};

export type XtsBrokerOptions = {
  client: XtsInteractiveClient;
  /** Logged in already: the order socket connects with the client's token. */
  rootUrl: string;
  accountId: AccountId;
  directory: XtsInstrumentDirectory;
  logger: { warn(details: object, message: string): void };
  engineIo?: EngineIoVersion;
  reconnectDelayMs?: number;
  /** How often working orders are read back when the socket is quiet (the fallback for lost events). */
  pollMs?: number;
  /** The session ended (expiry or a login elsewhere): mark the account, pause its automation. */
  onSessionEnded?: (error: DomainError) => void;
  /** How long an order reported final waits for its trades (fills-before-final.ts). */
  fillsWaitMs?: number;
  /**
   * How long a trade of an order not followed is kept for its placement answer (default a minute:
   * the answer comes within the request timeout and the look-up grace; later, the order is not ours).
   */
  parkedTradeTtlMs?: number;
};

type Tracked = FillProgress & {
  clientOrderId: ClientOrderId;
  status: XtsOrderView['status'] | 'SENT';
  triggered: boolean;
  stop: boolean;
  tradeIds: Set<string>;
  /** The final state it was reported in, held back until its fills are all reported. */
  heldFinal?: XtsOrderView;
  /** Handed over (adopt) rather than placed here: book reads in a row that did not show it. */
  adoptedMisses?: number;
};

/**
 * XTS behind our Broker interface. Placement is idempotent (a lost answer is found by
 * orderUniqueIdentifier, never resent). Outcomes come from the order socket's `order` and `trade`
 * events; because events sent while the socket is down are gone for good, the books are read back
 * on every reconnect and every `pollMs` while orders are working. Fills are emitted per XTS
 * ExecutionID, whichever path saw them first, so a partial fill is exact and nothing doubles.
 * Only XTS's own word rejects an order (ADR 0013).
 */
export class XtsBroker extends BrokerListeners implements Broker {
  readonly name = 'xts' as const;
  readonly capabilities = XTS_CAPABILITIES;
  private readonly tracked = new Map<string, Tracked>();
  private readonly inFlight = new InFlightRequests();
  /** Trades that arrived before their order's placement answer: replayed once it is tracked, dropped after parkedTradeTtlMs. */
  private readonly early = new Map<string, { since: number; trades: XtsTradeView[] }>();
  private readonly fillsWaitMs: number;
  private readonly parkedTradeTtlMs: number;
  private readonly stream: XtsOrderStream;
  private readonly timer: NodeJS.Timeout;
  private readingBack: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: XtsBrokerOptions) {
    super();
    this.fillsWaitMs = options.fillsWaitMs ?? DEFAULT_FILLS_WAIT_MS;
    this.parkedTradeTtlMs = options.parkedTradeTtlMs ?? 60_000;
    const token = options.client.http.currentToken;
    this.stream = new XtsOrderStream(
      { rootUrl: options.rootUrl, token: token ?? '', userID: options.client.userID ?? '', engineIo: options.engineIo, reconnectDelayMs: options.reconnectDelayMs, directory: options.directory },
      {
        order: (view) => this.onOrder(view),
        trade: (view) => this.onTrade(view),
        connection: (connected) => {
          for (const listener of this.connectionListeners) listener(connected);
          if (connected) void this.readBack();
        },
        sessionEnded: (error) => options.client.http.endSession(error),
      },
    );
    this.timer = setInterval(() => void this.readBack(), options.pollMs ?? 5_000);
    this.timer.unref();
    // One place learns of the end, whichever path saw it first (a REST answer or the socket's logout).
    // The owner is told once the request that met the end has its answer: the account link drops
    // this adapter and its listeners when told, and a refused order's rejection must reach the OMS
    // first (else the order waits as SUBMITTED until the next login's reconciliation).
    options.client.http.onSessionEnded((error) => {
      this.stream.close();
      setImmediate(() => options.onSessionEnded?.(error));
    });
  }

  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.stream.connected && Date.now() < deadline && !this.closed) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  placeOrder(request: BrokerOrderRequest): void {
    void this.place(request);
  }

  sending(accountId: AccountId, clientOrderId: string): boolean {
    return this.inFlight.has(accountId, clientOrderId);
  }

  adopt(orders: readonly AdoptableOrder[]): void {
    // From no trade seen: the first read-back repeats fills the journal has (no news to the OMS) and
    // brings what happened while no adapter was following (fills, a cancel at the exchange).
    let added = 0;
    for (const { clientOrderId, brokerOrderId, stop, triggered } of orders) {
      if (this.tracked.has(brokerOrderId)) continue;
      this.tracked.set(brokerOrderId, { clientOrderId, status: 'SENT', triggered, stop, tradeIds: new Set(), filled: 0, adoptedMisses: 0 });
      this.early.delete(brokerOrderId); // trades seen before the hand-over: the read-back brings them again
      added += 1;
    }
    if (added > 0) void this.readBack();
  }

  modifyOrder(request: BrokerModifyRequest): void {
    const ref = { accountId: request.accountId, clientOrderId: request.clientOrderId };
    this.inFlight
      .track(request.accountId, request.clientOrderId, this.options.client.modify(request))
      .then(() => this.emit({ kind: 'modified', ...ref, brokerOrderId: request.brokerOrderId, type: request.type, quantity: request.quantity, price: request.price, triggerPrice: request.triggerPrice }))
      .catch((error: unknown) => {
        if (isXtsOutcomeUnknown(error)) return; // the book read-back tells what happened
        this.emit({ kind: 'modifyRejected', ...ref, ...describe(error) });
      });
  }

  cancelOrder(request: BrokerCancelRequest): void {
    // Reported when XTS says so (the order may fill first). A refusal is reported at once: the order works on.
    this.options.client.cancel(request.brokerOrderId, request.clientOrderId).catch((error: unknown) => {
      const refusal = describe(error);
      if (isXtsOutcomeUnknown(error) || !CANCEL_REFUSAL_CODES.has(refusal.reasonCode)) {
        this.options.logger.warn({ err: error, brokerOrderId: request.brokerOrderId }, 'xts cancel not answered; the order read-back and reconciliation settle it');
        return;
      }
      this.emit({ kind: 'cancelRejected', accountId: request.accountId, clientOrderId: request.clientOrderId, ...refusal });
    });
  }

  async books(): Promise<BrokerBooks> {
    const accountId = this.options.accountId;
    const [orders, trades, positions] = await Promise.all([this.options.client.orders(), this.options.client.trades(), this.options.client.positions('NetWise')]);
    const clientOf = new Map(orders.map((order) => [order.brokerOrderId, order.clientOrderId]));
    return {
      // Orders placed outside the terminal (no identifier of ours, an instrument we do not list, or a product we do not trade) are left to the alerting reconciliation.
      orders: orders.flatMap((order): BrokerOrderSnapshot[] =>
        order.clientOrderId && order.instrumentId && order.product
          ? [{ accountId, clientOrderId: order.clientOrderId, instrumentId: order.instrumentId, side: order.side, type: order.type, product: order.product, quantity: order.quantity, price: order.price, triggerPrice: order.triggerPrice, brokerOrderId: order.brokerOrderId, status: order.status, filledQuantity: order.filledQuantity, triggered: order.status !== 'TRIGGER_PENDING' && (order.type === 'SL' || order.type === 'SL_M') && order.filledQuantity > 0, reasonCode: order.status === 'REJECTED' ? 'BROKER_ORDER_REJECTED' : null, reasonMessage: order.reasonMessage }]
          : [],
      ),
      // The trade book is the day's: a row without its time is dated now, as a live trade event is —
      // not 1970, which folded the fill as a carried position and left the day's P&L without it.
      trades: trades.flatMap((trade) => {
        const clientOrderId = trade.clientOrderId ?? clientOf.get(trade.brokerOrderId) ?? null;
        if (!clientOrderId || !trade.instrumentId || !trade.product) return [];
        return [{ accountId, clientOrderId, brokerOrderId: trade.brokerOrderId, tradeId: trade.tradeId, instrumentId: trade.instrumentId, side: trade.side, product: trade.product, quantity: trade.quantity, price: trade.price, executedAt: trade.executedAt ?? Date.now() }];
      }),
      positions: positions.map((position) => ({ accountId, ...position })),
    };
  }

  /** XTS keeps its own books across our restarts. */
  resume(): void {}

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.stream.close();
  }

  /** Reads the books now and settles every working order from them (reconnect, poll, tests). */
  async readBack(): Promise<void> {
    if (this.closed || this.tracked.size === 0 || this.options.client.http.sessionEnded) return;
    this.readingBack ??= this.readBooks().finally(() => {
      this.readingBack = null;
    });
    return this.readingBack;
  }

  private async place(request: BrokerOrderRequest): Promise<void> {
    const ref = { accountId: request.accountId, clientOrderId: request.clientOrderId };
    try {
      const outcome = await this.inFlight.track(request.accountId, request.clientOrderId, this.options.client.placeIdempotent(request));
      if (outcome.outcome === 'placed' || outcome.outcome === 'found') {
        const stop = request.type === 'SL' || request.type === 'SL_M';
        this.tracked.set(outcome.brokerOrderId, { clientOrderId: request.clientOrderId, status: 'SENT', triggered: false, stop, tradeIds: new Set(), filled: 0 });
        this.emit({ kind: 'accepted', ...ref, brokerOrderId: outcome.brokerOrderId });
        const parked = this.early.get(outcome.brokerOrderId)?.trades ?? [];
        this.early.delete(outcome.brokerOrderId);
        for (const trade of parked) this.onTrade(trade);
        if (outcome.outcome === 'found') this.onOrder(outcome.order);
        await this.readBack();
        return;
      }
      this.options.logger.warn({ clientOrderId: request.clientOrderId, outcome: outcome.outcome, err: outcome.error }, 'xts placement unconfirmed; left to reconciliation');
    } catch (error) {
      if (isXtsOutcomeUnknown(error)) return;
      this.emit({ kind: 'rejected', ...ref, ...describe(error) });
    }
  }

  private async readBooks(): Promise<void> {
    this.dropStaleParked();
    try {
      const [orders, trades] = await Promise.all([this.options.client.orders(), this.options.client.trades()]);
      // Trades first: a FILLED order is only final once its executions are all reported.
      for (const trade of trades) if (this.tracked.has(trade.brokerOrderId)) this.onTrade(trade);
      for (const order of orders) if (this.tracked.has(order.brokerOrderId)) this.onOrder(order);
      const listed = new Set(orders.map((order) => order.brokerOrderId));
      letGoOfUnlistedAdopted(this.tracked, (brokerOrderId) => listed.has(brokerOrderId));
    } catch (error) {
      this.options.logger.warn({ err: error }, 'xts books could not be read; retrying at the next poll');
    }
  }

  private onTrade(trade: XtsTradeView): void {
    const tracked = this.tracked.get(trade.brokerOrderId);
    if (!tracked) {
      // The socket can beat the placement answer: keep the trade until the order is ours.
      if (trade.clientOrderId) this.park(trade);
      return;
    }
    if (tracked.tradeIds.has(trade.tradeId)) return;
    const ref = { accountId: this.options.accountId, clientOrderId: tracked.clientOrderId, brokerOrderId: trade.brokerOrderId };
    if (tracked.stop && !tracked.triggered) {
      // XTS shows no trigger event; a stop that trades has triggered.
      tracked.triggered = true;
      this.emit({ kind: 'triggered', ...ref });
    }
    tracked.tradeIds.add(trade.tradeId);
    tracked.filled += trade.quantity;
    this.emit({ kind: 'filled', ...ref, tradeId: trade.tradeId, quantity: trade.quantity, price: trade.price, executedAt: trade.executedAt ?? Date.now() });
    // The order's final state waited for this fill: say it now if nothing else is missing.
    if (tracked.heldFinal) this.onOrder(tracked.heldFinal);
  }

  private onOrder(view: XtsOrderView): void {
    const tracked = this.tracked.get(view.brokerOrderId);
    if (!tracked) return;
    const ref = { accountId: this.options.accountId, clientOrderId: tracked.clientOrderId };
    const final = view.status === 'CANCELED' || view.status === 'REJECTED' || view.status === 'EXPIRED' || view.status === 'FILLED';
    if (!final) {
      tracked.status = view.status;
      // The order says more has traded than we have seen: the trade events were lost; read the book.
      if (view.filledQuantity > tracked.filled) setImmediate(() => void this.readBack());
      return;
    }
    // An order event can beat its trade events: final only once its fills are reported (bounded wait).
    const firstSeenFinal = tracked.finalSeenAt === undefined;
    const brokerFilled = view.status === 'FILLED' ? Math.max(view.filledQuantity, view.quantity) : view.filledQuantity;
    const reading = readFinal(tracked, brokerFilled, Date.now(), this.fillsWaitMs);
    if (reading === 'awaiting-fills') {
      tracked.heldFinal = view;
      // The trade event may be on its way, or lost: the books are read once now, then at each poll.
      if (firstSeenFinal) setImmediate(() => void this.readBack());
      return;
    }
    if (reading === 'fills-overdue') {
      this.options.logger.warn({ brokerOrderId: view.brokerOrderId, clientOrderId: tracked.clientOrderId, reported: tracked.filled, filledQuantity: brokerFilled }, 'xts order is final but not all its trades were reported; reconciliation brings the rest');
    }
    if (view.status !== tracked.status) {
      tracked.status = view.status;
      if (view.status === 'CANCELED') this.emit({ kind: 'canceled', ...ref, brokerOrderId: view.brokerOrderId });
      else if (view.status === 'REJECTED') this.emit({ kind: 'rejected', ...ref, reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: view.reasonMessage ?? 'The broker rejected the order.' });
      else if (view.status === 'EXPIRED') this.emit({ kind: 'expired', ...ref, brokerOrderId: view.brokerOrderId });
    }
    this.tracked.delete(view.brokerOrderId);
  }

  /** Keeps a trade of an order not (yet) followed. */
  private park(trade: XtsTradeView): void {
    this.dropStaleParked();
    const parked = this.early.get(trade.brokerOrderId);
    if (parked) parked.trades.push(trade);
    else this.early.set(trade.brokerOrderId, { since: Date.now(), trades: [trade] });
  }

  /** Trades of orders that never became ours (another terminal's, or let go): not kept for ever. */
  private dropStaleParked(): void {
    const now = Date.now();
    for (const [brokerOrderId, parked] of this.early) if (now - parked.since > this.parkedTradeTtlMs) this.early.delete(brokerOrderId);
  }

  /** Trades kept for orders not followed (yet): diagnostics and tests. */
  get parkedTrades(): number {
    let count = 0;
    for (const parked of this.early.values()) count += parked.trades.length;
    return count;
  }

  private emit(event: BrokerEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function describe(error: unknown): { reasonCode: string; reasonMessage: string } {
  if (error instanceof DomainError) return { reasonCode: error.code, reasonMessage: error.message };
  return { reasonCode: 'BROKER_UNAVAILABLE', reasonMessage: error instanceof Error ? error.message : 'The broker could not be reached.' };
}
