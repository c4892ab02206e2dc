import { asTradeId, type Paise, type Tick } from '@strikedesk/domain';
import type {
  BrokerBooks,
  BrokerCancelRequest,
  BrokerEvent,
  BrokerModifyRequest,
  BrokerOrderRequest,
  BrokerOrderSnapshot,
  BrokerPosition,
  BrokerResumeState,
  BrokerTrade,
} from '../broker.ts';
import { NumberedMap, prefixedNumber } from '../../collections/numbered-map.ts';
import { isStopTriggered, marketFillPrice, slipped, takeDepth, withinCircuit, type FillSlice } from './paper-fill-rules.ts';
import { PriceHeap } from './price-heap.ts';

/**
 * An instrument's resting orders by the price at which they act, so a tick only visits the orders
 * it makes marketable or triggers (an engine with thousands of resting orders must not scan them all
 * on every tick). Keys are arranged smallest-first: buy limits by −price, sell limits by price, buy
 * stops by trigger, sell stops by −trigger. Entries are removed lazily: one whose order is no longer
 * working, or was modified since (its version moved on), is skipped when it surfaces.
 */
/** Market orders (and triggered SL-M) waiting for depth, per side, oldest first. */
type Unpriced = { buys: Set<string>; sells: Set<string> };
type RestingOrders = { buyLimits: PriceHeap; sellLimits: PriceHeap; buyStops: PriceHeap; sellStops: PriceHeap; unpriced: Unpriced };

export type QuoteSource = { latest(instrumentId: string): Tick | undefined };

/** How the paper venue fills, beyond the quotes themselves. */
export type PaperFillOptions = {
  /** MARKET (and triggered SL-M) orders fill this many ticks worse than the depth they take. */
  slippageTicks?: number;
  tickSize?: (instrumentId: string) => Paise | undefined;
  /** The instrument's circuit limits, when it has fixed ones: prices outside are rejected. */
  circuit?: (instrumentId: string) => { lower: Paise; upper: Paise } | null;
  /**
   * The contract terms the exchange checks every order and modify against (undefined: unknown, not
   * checked): whole lots, at most the freeze quantity, prices on the tick.
   */
  contract?: (instrumentId: string) => { lotSize: number; freezeQuantity: number; tickSize: Paise } | undefined;
};

const DEFAULT_TICK = 5 as Paise;

/**
 * The next free number after `<prefix>-<n>` ids already used. A loop, not `Math.max(...ids)`:
 * spreading a journal's worth of ids (100k+) into call arguments overflows the stack.
 */
function nextAfter(current: number, ids: readonly string[], prefix: string): number {
  const numberOf = prefixedNumber(prefix);
  let next = current;
  for (const id of ids) next = Math.max(next, numberOf(id) + 1);
  return next;
}

const brokerOrderNumber = prefixedNumber('PB');

const WORKING: ReadonlySet<BrokerOrderSnapshot['status']> = new Set(['OPEN', 'TRIGGER_PENDING']);

/**
 * The paper exchange: matches orders against quotes and keeps a broker's books — every order of
 * the day with its status, every trade, net positions. Like a real broker it does NOT deduplicate
 * client order ids: an order sent twice is two orders (the OMS must never send twice, and the crash
 * harness checks it here). Deterministic ids (`PB-<n>` orders, `P-<n>` trades) keep replays and
 * tests reproducible. Events go to `emit` synchronously; adapters decide how to deliver them.
 */
export class PaperVenue {
  // Per-order books are NumberedMaps by the `PB-<n>` id: a day's orders make a Map's growth block the loop.
  private readonly orders = new NumberedMap<BrokerOrderSnapshot>(brokerOrderNumber);
  private readonly resting = new Map<string, RestingOrders>();
  private readonly versions = new NumberedMap<number>(brokerOrderNumber);
  /** Time priority among orders at one price: given at placing, given anew by a modify that loses it. */
  private readonly priorities = new NumberedMap<number>(brokerOrderNumber);
  private nextPriority = 1;
  private readonly working = new NumberedMap<BrokerOrderSnapshot>(brokerOrderNumber);
  private readonly trades: BrokerTrade[] = [];
  private readonly positions = new Map<string, BrokerPosition>();
  private nextOrderNumber = 1;
  private nextTradeNumber = 1;
  /** Depth already taken from each quote (a tick object is one snapshot), so two orders never take the same lots. */
  private readonly taken = new WeakMap<Tick, Map<number, number>>();
  /**
   * Market orders (and triggered SL-M) the depth they met did not fill: as on NSE, the rest works
   * as a limit at the order's last executed price (the touch it met, when nothing was left there),
   * never chasing the market away from it. Rare, so a plain Map, looked up only when not empty.
   */
  private readonly protectedAt = new Map<string, Paise>();

  constructor(
    private readonly quotes: QuoteSource,
    private readonly emit: (event: BrokerEvent) => void,
    private readonly now: () => number = Date.now,
    private readonly fills: PaperFillOptions = {},
  ) {}

  get workingCount(): number {
    return this.working.size;
  }

  place(request: BrokerOrderRequest): BrokerOrderSnapshot {
    // Field by field, not `{ ...request, … }`: V8 builds a spread-then-extend literal through its
    // slow path (8 µs here against 0.3 µs; docs/benchmarks.md, "Fourth pass").
    const order: BrokerOrderSnapshot = {
      accountId: request.accountId,
      clientOrderId: request.clientOrderId,
      instrumentId: request.instrumentId,
      side: request.side,
      type: request.type,
      product: request.product,
      quantity: request.quantity,
      price: request.price,
      triggerPrice: request.triggerPrice,
      brokerOrderId: `PB-${this.nextOrderNumber++}`,
      status: request.type === 'SL' || request.type === 'SL_M' ? 'TRIGGER_PENDING' : 'OPEN',
      filledQuantity: 0,
      triggered: false,
      reasonCode: null,
      reasonMessage: null,
    };
    this.orders.set(order.brokerOrderId, order);
    this.priorities.set(order.brokerOrderId, this.nextPriority++);
    const ref = { accountId: order.accountId, clientOrderId: order.clientOrderId };
    const tick = this.quotes.latest(order.instrumentId);
    if (order.type === 'MARKET' && (tick === undefined || marketFillPrice(order.side, tick) === null)) {
      return this.reject(order, 'NO_MARKET_PRICE', 'No quote to fill a market order against.');
    }
    const refused = this.contractRefusal(order);
    if (refused) return this.reject(order, refused.code, refused.message);
    const outside = this.outsideCircuit(order);
    if (outside) return this.reject(order, 'PRICE_OUTSIDE_CIRCUIT', outside);
    this.emit({ kind: 'accepted', ...ref, brokerOrderId: order.brokerOrderId });
    // Acts first and files only what is left working: an order that fills on arrival (most MARKET
    // and marketable LIMIT orders) would otherwise leave a stale heap or waiting-list entry behind
    // for the next tick to skip.
    if (tick) this.act(order, tick, false);
    if (WORKING.has(order.status) && !this.working.has(order.brokerOrderId)) this.register(order);
    return order;
  }

  /** The product is not checked: a modify never changes it. */
  modify(request: Omit<BrokerModifyRequest, 'product'>): BrokerOrderSnapshot | null {
    const order = this.orders.get(request.brokerOrderId);
    const ref = { accountId: request.accountId, clientOrderId: request.clientOrderId };
    if (!order || order.accountId !== request.accountId || !WORKING.has(order.status)) {
      this.emit({ kind: 'modifyRejected', ...ref, reasonCode: 'ORDER_NOT_MODIFIABLE', reasonMessage: 'The order is no longer working.' });
      return null;
    }
    if (request.quantity <= order.filledQuantity) {
      this.emit({ kind: 'modifyRejected', ...ref, reasonCode: 'MODIFY_BELOW_FILLED', reasonMessage: 'Quantity is not above the filled quantity.' });
      return null;
    }
    const refused = this.contractRefusal({ instrumentId: order.instrumentId, quantity: request.quantity, price: request.price, triggerPrice: request.triggerPrice });
    if (refused) {
      this.emit({ kind: 'modifyRejected', ...ref, reasonCode: refused.code, reasonMessage: refused.message });
      return null;
    }
    const outside = this.outsideCircuit({ instrumentId: order.instrumentId, price: request.price, triggerPrice: request.triggerPrice });
    if (outside) {
      this.emit({ kind: 'modifyRejected', ...ref, reasonCode: 'PRICE_OUTSIDE_CIRCUIT', reasonMessage: outside });
      return null;
    }
    // As on the exchange: a new price or a larger quantity goes to the back of the queue; a smaller one keeps its place.
    const keepsPriority = request.type === order.type && request.price === order.price && request.triggerPrice === order.triggerPrice && request.quantity <= order.quantity;
    if (!keepsPriority) {
      this.priorities.set(order.brokerOrderId, this.nextPriority++);
      if (this.protectedAt.size > 0) this.protectedAt.delete(order.brokerOrderId); // a new order in all but name
    }
    Object.assign(order, { type: request.type, quantity: request.quantity, price: request.price, triggerPrice: request.triggerPrice });
    if (!order.triggered) order.status = order.type === 'SL' || order.type === 'SL_M' ? 'TRIGGER_PENDING' : 'OPEN';
    const { type, quantity, price, triggerPrice, brokerOrderId } = order;
    this.register(order); // filed again under its new price (the old entry is now stale)
    this.emit({ kind: 'modified', ...ref, brokerOrderId, type, quantity, price, triggerPrice });
    const tick = this.quotes.latest(order.instrumentId);
    // A new price can make it marketable at once: it meets the book as a new order would. One that
    // kept its place is still the resting side.
    if (tick) this.act(order, tick, keepsPriority);
    return order;
  }

  /**
   * Cancels a working order. A finished or unknown one is refused (cancelRejected): its own events
   * settled it, and the engine ignores a refusal for an order it knows finished.
   */
  cancel(request: BrokerCancelRequest): BrokerOrderSnapshot | null {
    const order = this.orders.get(request.brokerOrderId);
    if (!order || order.accountId !== request.accountId || !WORKING.has(order.status)) {
      const reasonMessage = order && order.accountId === request.accountId ? `The order is already ${order.status.toLowerCase()}.` : 'The venue has no such order.';
      this.emit({ kind: 'cancelRejected', accountId: request.accountId, clientOrderId: request.clientOrderId, reasonCode: 'ORDER_NOT_CANCELABLE', reasonMessage });
      return null;
    }
    this.unregister(order);
    this.forgetProtection(order);
    order.status = 'CANCELED';
    this.emit({ kind: 'canceled', accountId: order.accountId, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId });
    return order;
  }

  /** Matches the working orders each tick makes marketable or triggers. */
  onTicks(ticks: readonly Tick[]): void {
    for (const tick of ticks) {
      const book = this.resting.get(tick.instrumentId);
      if (!book) continue;
      // Stops first: a triggered SL then rests as a limit and is matched below on the same tick.
      this.drainStops(book.buyStops, tick.lastPrice, tick);
      this.drainStops(book.sellStops, -tick.lastPrice, tick);
      if (tick.ask !== null) this.drainLimits(book.buyLimits, -tick.ask, tick);
      if (tick.bid !== null) this.drainLimits(book.sellLimits, tick.bid, tick);
      if (book.unpriced.buys.size > 0) this.fillUnpriced(book.unpriced.buys, tick);
      if (book.unpriced.sells.size > 0) this.fillUnpriced(book.unpriced.sells, tick);
    }
  }

  /**
   * One side's market orders waiting for depth, oldest first, until one gets nothing: then this
   * quote has nothing left for that side, and the rest wait for the next tick unvisited (a backlog
   * of thousands visited on every tick used to block the event loop for tens of ms).
   */
  private fillUnpriced(waiting: Set<string>, tick: Tick): void {
    for (const brokerOrderId of waiting) {
      const order = this.orders.get(brokerOrderId);
      if (!order || !WORKING.has(order.status) || (this.protectedAt.size > 0 && this.protectedAt.has(brokerOrderId))) {
        waiting.delete(brokerOrderId); // deleting the current entry does not disturb a Set's iteration
        continue; // (a protected one now rests by its price)
      }
      const filledBefore = order.filledQuantity;
      this.act(order, tick, false);
      if (order.filledQuantity === filledBefore && WORKING.has(order.status)) return;
    }
  }

  /**
   * Stops whose trigger this tick reached: every one is popped first, then acts (a triggered stop is
   * filed again as a limit or market order, matched below on the same tick).
   */
  private drainStops(heap: PriceHeap, key: number, tick: Tick): void {
    const due: BrokerOrderSnapshot[] = [];
    while (heap.size > 0 && (heap.peekKey() as number) <= key) {
      const order = this.live(heap.pop() as { id: string; version: number });
      if (order) due.push(order);
    }
    for (const order of due) {
      if (!WORKING.has(order.status)) continue;
      const version = this.versions.get(order.brokerOrderId);
      this.act(order, tick, false); // triggered now: it meets the book as an incoming order
      if (WORKING.has(order.status) && this.versions.get(order.brokerOrderId) === version) this.register(order); // never dropped unfiled
    }
  }

  /**
   * Limit orders this tick's touch makes marketable, best price first, while the quote's depth
   * lasts. An order that gets nothing keeps its place for the next tick and ends the pass: a worse
   * limit of the same side cannot reach depth a better one could not (visiting a backlog of them on
   * every tick used to block the event loop). An order partly filled is filed again and comes back
   * at once, to find the depth it left gone.
   */
  private drainLimits(heap: PriceHeap, key: number, tick: Tick): void {
    while (heap.size > 0 && (heap.peekKey() as number) <= key) {
      const entry = heap.pop() as { id: string; version: number };
      const order = this.live(entry);
      if (!order) continue;
      const filledBefore = order.filledQuantity;
      this.act(order, tick, true); // the resting side: trades at its own price
      if (!WORKING.has(order.status)) continue;
      if (this.versions.get(order.brokerOrderId) === entry.version) this.register(order); // not filed again by a fill
      if (order.filledQuantity === filledBefore) return;
    }
  }

  /** The order of a heap entry, unless the entry is stale (the order finished, or was filed again since). */
  private live(entry: { id: string; version: number }): BrokerOrderSnapshot | null {
    const order = this.orders.get(entry.id);
    if (!order || !WORKING.has(order.status) || this.versions.get(entry.id) !== entry.version) return null;
    return order;
  }

  /** The session ended: every working (DAY) order expires, as the exchange does at the close. */
  expireWorking(): number {
    let expired = 0;
    for (const order of [...this.working.values()]) {
      const { brokerOrderId } = order;
      this.unregister(order);
      this.forgetProtection(order);
      order.status = 'EXPIRED';
      this.emit({ kind: 'expired', accountId: order.accountId, clientOrderId: order.clientOrderId, brokerOrderId });
      expired += 1;
    }
    return expired;
  }

  books(): BrokerBooks {
    return {
      orders: [...this.orders.values()].map((order) => ({ ...order })),
      trades: this.trades.map((trade) => ({ ...trade })),
      positions: [...this.positions.values()].map((position) => ({ ...position })),
    };
  }

  /** Rebuilds working orders and positions from the engine's view after a restart. */
  restore(state: BrokerResumeState): void {
    this.nextOrderNumber = nextAfter(this.nextOrderNumber, state.knownBrokerOrderIds, 'PB');
    this.nextTradeNumber = nextAfter(this.nextTradeNumber, state.knownTradeIds, 'P');
    // New orders number on from here: the books' arrays start there (the few restored below go aside).
    for (const book of [this.orders, this.versions, this.priorities, this.working]) book.startAt(this.nextOrderNumber);
    for (const position of state.positions) this.positions.set(`${position.accountId}|${position.instrumentId}|${position.product}`, { ...position });
    for (const { sessionEnded, ...working } of state.workingOrders) {
      const order: BrokerOrderSnapshot = {
        ...working,
        status: (working.type === 'SL' || working.type === 'SL_M') && !working.triggered ? 'TRIGGER_PENDING' : 'OPEN',
        reasonCode: null,
        reasonMessage: null,
      };
      this.orders.set(order.brokerOrderId, order);
      if (sessionEnded) {
        // Its session closed while no venue ran: expired then, as expireWorking does at a close seen.
        order.status = 'EXPIRED';
        this.emit({ kind: 'expired', accountId: order.accountId, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId });
        continue;
      }
      this.priorities.set(order.brokerOrderId, this.nextPriority++); // in the engine's order (oldest first)
      this.register(order);
      const tick = this.quotes.latest(order.instrumentId);
      if (tick) this.act(order, tick, true);
    }
  }

  clear(): void {
    this.orders.clear();
    this.resting.clear();
    this.working.clear();
    this.versions.clear();
    this.priorities.clear();
    this.protectedAt.clear();
  }

  /**
   * Lets a working order act on a tick; a stop it triggers without filling then rests by its limit
   * price. `resting`: the order was already in the book and the market came to it — it is the
   * passive side and trades at its own limit (sellers coming down through a bid sell to it at its
   * price first); otherwise it is arriving (placed, re-priced, triggered) and takes the book's prices.
   */
  private act(order: BrokerOrderSnapshot, tick: Tick, resting: boolean): void {
    const wasStop = !order.triggered && (order.type === 'SL' || order.type === 'SL_M');
    this.evaluate(order, tick, resting);
    if (wasStop && order.triggered && WORKING.has(order.status)) this.register(order);
  }

  private evaluate(order: BrokerOrderSnapshot, tick: Tick, restingBefore: boolean): void {
    let resting = restingBefore;
    const ref = { accountId: order.accountId, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId };
    const isStop = order.type === 'SL' || order.type === 'SL_M';
    if (isStop && !order.triggered) {
      if (order.triggerPrice === null || !isStopTriggered(order.side, order.triggerPrice, tick)) return;
      order.triggered = true;
      order.status = 'OPEN';
      this.emit({ kind: 'triggered', ...ref });
      resting = false; // triggered now: it enters the book as an incoming order
    }
    // Once triggered, SL works as LIMIT and SL-M as MARKET — until a market order's rest is protected.
    const protectedPrice = this.protectedAt.size > 0 ? this.protectedAt.get(order.brokerOrderId) : undefined;
    const asMarket = (order.type === 'MARKET' || order.type === 'SL_M') && protectedPrice === undefined;
    const limit = asMarket ? null : (protectedPrice ?? order.price);
    if (!asMarket && limit === null) return;
    const taken = this.taken.get(tick) ?? new Map<number, number>();
    this.taken.set(tick, taken);
    const slices = takeDepth(order.side, order.quantity - order.filledQuantity, tick, limit, taken);
    if (slices.length === 0) {
      // Nothing left on this quote (earlier orders took it): it rests at the touch it met.
      if (asMarket && this.protect(order, marketFillPrice(order.side, tick))) this.register(order);
      return;
    }
    this.unregister(order);
    if (resting && limit !== null) {
      // The resting side of every trade: one execution at its own price for what came through it.
      let quantity = 0;
      for (const slice of slices) quantity += slice.quantity;
      this.execute(order, { price: limit, quantity }, ref);
    } else for (const slice of slices) this.execute(order, asMarket ? this.withSlippage(order, slice) : slice, ref);
    if (order.filledQuantity >= order.quantity) {
      order.status = 'FILLED';
      this.forgetProtection(order);
      return;
    }
    if (asMarket) this.protect(order, (slices[slices.length - 1] as FillSlice).price);
    this.register(order); // the depth ran out: the rest keeps working at the next ticks (a market order's by its protected price)
  }

  /**
   * A market order's rest after the depth it met ran out works as a limit at `price` (null: no
   * quote to protect it by — it waits for one, still a market order). The caller files it again.
   */
  private protect(order: BrokerOrderSnapshot, price: Paise | null): boolean {
    if (price === null) return false;
    this.protectedAt.set(order.brokerOrderId, price);
    return true;
  }

  private forgetProtection(order: BrokerOrderSnapshot): void {
    if (this.protectedAt.size > 0) this.protectedAt.delete(order.brokerOrderId);
  }

  private execute(order: BrokerOrderSnapshot, slice: FillSlice, ref: { accountId: BrokerOrderSnapshot['accountId']; clientOrderId: BrokerOrderSnapshot['clientOrderId']; brokerOrderId: string }): void {
    order.filledQuantity += slice.quantity;
    const trade: BrokerTrade = {
      accountId: order.accountId,
      clientOrderId: order.clientOrderId,
      brokerOrderId: order.brokerOrderId,
      tradeId: asTradeId(`P-${this.nextTradeNumber++}`),
      instrumentId: order.instrumentId,
      side: order.side,
      product: order.product,
      quantity: slice.quantity,
      price: slice.price,
      executedAt: this.now(),
    };
    this.book(trade);
    this.emit({ kind: 'filled', ...ref, tradeId: trade.tradeId, quantity: slice.quantity, price: slice.price, executedAt: trade.executedAt });
  }

  private withSlippage(order: BrokerOrderSnapshot, slice: FillSlice): FillSlice {
    const ticks = this.fills.slippageTicks ?? 0;
    if (ticks === 0) return slice;
    return { ...slice, price: slipped(order.side, slice.price, ticks, this.fills.tickSize?.(order.instrumentId) ?? DEFAULT_TICK) };
  }

  /** Why the exchange refuses this order's quantity or prices for its contract, or null. */
  private contractRefusal(order: Pick<BrokerOrderSnapshot, 'instrumentId' | 'quantity' | 'price' | 'triggerPrice'>): { code: string; message: string } | null {
    const contract = this.fills.contract?.(order.instrumentId);
    if (contract === undefined) return null;
    if (order.quantity % contract.lotSize !== 0) return { code: 'QUANTITY_NOT_LOT_MULTIPLE', message: `Quantity ${order.quantity} is not a multiple of the lot size ${contract.lotSize}.` };
    if (order.quantity > contract.freezeQuantity) return { code: 'QUANTITY_ABOVE_FREEZE', message: `Quantity ${order.quantity} is above the freeze quantity ${contract.freezeQuantity}.` };
    // Two checks rather than a loop over [price, triggerPrice]: this runs for every order.
    const offTick = order.price !== null && order.price % contract.tickSize !== 0 ? order.price : order.triggerPrice !== null && order.triggerPrice % contract.tickSize !== 0 ? order.triggerPrice : null;
    if (offTick !== null) return { code: 'PRICE_NOT_ON_TICK', message: `₹${(offTick / 100).toFixed(2)} is not a multiple of the tick size ₹${(contract.tickSize / 100).toFixed(2)}.` };
    return null;
  }

  /** Why a price or trigger of this order lies outside its circuit limits, or null. */
  private outsideCircuit(order: Pick<BrokerOrderSnapshot, 'instrumentId' | 'price' | 'triggerPrice'>): string | null {
    const circuit = this.fills.circuit?.(order.instrumentId) ?? null;
    if (circuit === null) return null;
    for (const price of [order.price, order.triggerPrice]) {
      if (price !== null && !withinCircuit(price, circuit)) {
        return `₹${(price / 100).toFixed(2)} is outside the circuit limits ₹${(circuit.lower / 100).toFixed(2)}–₹${(circuit.upper / 100).toFixed(2)}.`;
      }
    }
    return null;
  }

  private reject(order: BrokerOrderSnapshot, reasonCode: string, reasonMessage: string): BrokerOrderSnapshot {
    Object.assign(order, { status: 'REJECTED', reasonCode, reasonMessage });
    this.emit({ kind: 'rejected', accountId: order.accountId, clientOrderId: order.clientOrderId, reasonCode, reasonMessage });
    return order;
  }

  private book(trade: BrokerTrade): void {
    this.trades.push(trade);
    const key = `${trade.accountId}|${trade.instrumentId}|${trade.product}`;
    const position = this.positions.get(key) ?? { accountId: trade.accountId, instrumentId: trade.instrumentId, product: trade.product, netQuantity: 0 };
    position.netQuantity += trade.side === 'BUY' ? trade.quantity : -trade.quantity;
    this.positions.set(key, position);
  }

  /** Files a working order under the price it acts at (again after a modify: the version moves on). */
  private register(order: BrokerOrderSnapshot): void {
    const version = (this.versions.get(order.brokerOrderId) ?? 0) + 1;
    this.versions.set(order.brokerOrderId, version);
    this.working.set(order.brokerOrderId, order);
    let book = this.resting.get(order.instrumentId);
    if (!book) {
      book = { buyLimits: new PriceHeap(), sellLimits: new PriceHeap(), buyStops: new PriceHeap(), sellStops: new PriceHeap(), unpriced: { buys: new Set(), sells: new Set() } };
      this.resting.set(order.instrumentId, book);
    }
    const buy = order.side === 'BUY';
    const id = order.brokerOrderId;
    const priority = this.priorities.get(id) ?? 0;
    if ((order.type === 'SL' || order.type === 'SL_M') && !order.triggered && order.triggerPrice !== null) {
      if (buy) book.buyStops.push(order.triggerPrice, priority, id, version);
      else book.sellStops.push(-order.triggerPrice, priority, id, version);
    } else {
      const limit = order.type === 'LIMIT' || order.type === 'SL' ? order.price : this.protectedAt.size > 0 ? (this.protectedAt.get(id) ?? null) : null;
      if (limit !== null) {
        if (buy) book.buyLimits.push(-limit, priority, id, version);
        else book.sellLimits.push(limit, priority, id, version);
      } else (buy ? book.unpriced.buys : book.unpriced.sells).add(id); // a MARKET or triggered SL-M without a quote to fill at yet
    }
  }

  private unregister(order: BrokerOrderSnapshot): void {
    this.working.delete(order.brokerOrderId);
    this.versions.set(order.brokerOrderId, (this.versions.get(order.brokerOrderId) ?? 0) + 1);
  }
}
