import { randomUUID } from 'node:crypto';
import { formatIstTimestamp } from '../rest/kite-units.ts';
import { instrumentKey, rupees, type FakeInstrument } from './fake-kite-universe.ts';

/**
 * The fake Kite's OMS: orders walk Kite's documented states (PUT ORDER REQ RECEIVED → VALIDATION
 * PENDING → OPEN PENDING → OPEN | TRIGGER PENDING → COMPLETE / CANCELLED / REJECTED; modifications
 * through MODIFY VALIDATION PENDING → MODIFY PENDING → MODIFIED), each step kept as a history
 * snapshot. MARKET orders fill at once at the market price; LIMIT orders when a test says so
 * (`fill`); stops trigger when the market price crosses them. Money is paise inside, rupee numbers
 * on the wire.
 */
export type FakeOrder = {
  orderId: string;
  exchangeOrderId: string | null;
  variety: string;
  instrument: FakeInstrument;
  orderType: 'MARKET' | 'LIMIT' | 'SL' | 'SL-M';
  transactionType: 'BUY' | 'SELL';
  validity: string;
  product: string;
  quantity: number;
  disclosedQuantity: number;
  price: number;
  triggerPrice: number;
  marketProtection: number;
  tag: string | null;
  status: string;
  statusMessage: string | null;
  filledQuantity: number;
  /** Σ fill price × quantity, paise. */
  filledValue: number;
  cancelledQuantity: number;
  placedAt: number;
  exchangeAt: number | null;
  updatedAt: number | null;
  modified: boolean;
  modifications: number;
  guid: string;
  history: Record<string, unknown>[];
};

export type FakeTrade = { tradeId: string; order: FakeOrder; quantity: number; price: number; at: number };

export type NewOrder = Pick<FakeOrder, 'variety' | 'instrument' | 'orderType' | 'transactionType' | 'validity' | 'product' | 'quantity' | 'disclosedQuantity' | 'price' | 'triggerPrice' | 'marketProtection' | 'tag'>;

export type PlaceFaults = { rmsRejection?: string; fillTranches?: readonly number[] };

/** An order the OMS will not act on: becomes an OrderException answer. */
export class FakeOrderRefusal extends Error {}

export const WORKING_STATUSES: ReadonlySet<string> = new Set(['OPEN', 'TRIGGER PENDING', 'AMO REQ RECEIVED']);
const MAX_MODIFICATIONS = 25;

export type FakeOrderBookDeps = {
  now: () => number;
  userId: string;
  marketPrice: (key: string) => number;
  onUpdate: (order: FakeOrder) => void;
};

export class FakeOrderBook {
  private readonly byId = new Map<string, FakeOrder>();
  private readonly tradeLog: FakeTrade[] = [];
  private nextOrder = 1;
  private nextTrade = 1;

  constructor(private readonly deps: FakeOrderBookDeps) {}

  get orders(): readonly FakeOrder[] {
    return [...this.byId.values()];
  }
  get trades(): readonly FakeTrade[] {
    return this.tradeLog;
  }
  order(orderId: string): FakeOrder | undefined {
    return this.byId.get(orderId);
  }

  /** Registers the order (that is what an order id means) and runs it as far as it goes on its own. */
  place(request: NewOrder, faults: PlaceFaults = {}): FakeOrder {
    const now = this.deps.now();
    const order: FakeOrder = {
      ...request,
      // Kite's order ids: the day (yymmdd) then a sequence, as numeric strings.
      orderId: `${formatIstTimestamp(now).slice(2, 10).replaceAll('-', '')}${String(this.nextOrder++).padStart(9, '0')}`,
      exchangeOrderId: null,
      status: 'PUT ORDER REQ RECEIVED',
      statusMessage: null,
      filledQuantity: 0,
      filledValue: 0,
      cancelledQuantity: 0,
      placedAt: now,
      exchangeAt: null,
      updatedAt: null,
      modified: false,
      modifications: 0,
      guid: randomUUID(),
      history: [],
    };
    this.byId.set(order.orderId, order);
    this.step(order, 'PUT ORDER REQ RECEIVED');
    this.step(order, 'VALIDATION PENDING');
    if (faults.rmsRejection !== undefined) {
      order.statusMessage = faults.rmsRejection;
      this.step(order, 'REJECTED');
      return order;
    }
    if (order.variety === 'amo') {
      this.step(order, 'AMO REQ RECEIVED');
      return order;
    }
    this.openAtExchange(order);
    if (order.orderType === 'MARKET') this.fillAtMarket(order, faults.fillTranches);
    return order;
  }

  modify(orderId: string, change: Partial<Pick<FakeOrder, 'orderType' | 'quantity' | 'price' | 'triggerPrice' | 'validity' | 'disclosedQuantity'>>): FakeOrder {
    const order = this.working(orderId, 'modified');
    if (order.modifications >= MAX_MODIFICATIONS) throw new FakeOrderRefusal('Maximum allowed order modifications exceeded.');
    if (change.quantity !== undefined && change.quantity < order.filledQuantity) throw new FakeOrderRefusal('Quantity cannot be less than the filled quantity.');
    const resting = order.status;
    this.step(order, 'MODIFY VALIDATION PENDING');
    Object.assign(order, Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)));
    order.modifications += 1;
    order.modified = true;
    this.step(order, 'MODIFY PENDING');
    this.step(order, 'MODIFIED');
    const isStop = order.orderType === 'SL' || order.orderType === 'SL-M';
    this.step(order, resting === 'AMO REQ RECEIVED' ? resting : isStop && resting === 'TRIGGER PENDING' ? 'TRIGGER PENDING' : 'OPEN');
    if (order.status === 'OPEN' && order.orderType === 'MARKET') this.fillAtMarket(order);
    return order;
  }

  cancel(orderId: string): FakeOrder {
    const order = this.working(orderId, 'cancelled');
    const amo = order.status === 'AMO REQ RECEIVED';
    this.step(order, 'CANCEL PENDING');
    order.cancelledQuantity = order.quantity - order.filledQuantity;
    // Kite names an after-market order cancelled before the open apart from other cancels.
    this.step(order, amo ? 'CANCELLED AMO' : 'CANCELLED');
    return order;
  }

  /** A fill on demand (LIMIT orders, the rest of a partial fill): `quantity` defaults to all that is pending. */
  fill(orderId: string, options: { quantity?: number; price?: number } = {}): FakeTrade {
    const order = this.byId.get(orderId);
    if (!order || !WORKING_STATUSES.has(order.status)) throw new Error(`fake Kite: order ${orderId} is not working`);
    if (order.status === 'AMO REQ RECEIVED') this.openAtExchange(order);
    const pending = order.quantity - order.filledQuantity;
    const quantity = Math.min(options.quantity ?? pending, pending);
    const price = options.price ?? (order.orderType === 'LIMIT' || order.orderType === 'SL' ? order.price : this.deps.marketPrice(instrumentKey(order.instrument)));
    return this.execute(order, quantity, price);
  }

  /** The market moved: stops whose trigger it crossed start working (SL-M at market at once). */
  onMarketPrice(key: string, price: number): void {
    for (const order of this.byId.values()) {
      if (order.status !== 'TRIGGER PENDING' || instrumentKey(order.instrument) !== key) continue;
      const crossed = order.transactionType === 'BUY' ? price >= order.triggerPrice : price <= order.triggerPrice;
      if (!crossed) continue;
      this.step(order, 'OPEN');
      if (order.orderType === 'SL-M') this.execute(order, order.quantity - order.filledQuantity, price);
    }
  }

  private working(orderId: string, verb: string): FakeOrder {
    const order = this.byId.get(orderId);
    if (!order) throw new FakeOrderRefusal(`Couldn't find that order (${orderId}).`);
    if (!WORKING_STATUSES.has(order.status)) throw new FakeOrderRefusal(`Order cannot be ${verb} as it is ${order.status.toLowerCase()}.`);
    return order;
  }

  private openAtExchange(order: FakeOrder): void {
    this.step(order, 'OPEN PENDING');
    order.exchangeOrderId = `1${String(order.orderId).slice(-15).padStart(15, '0')}`;
    order.exchangeAt = this.deps.now();
    this.step(order, order.orderType === 'SL' || order.orderType === 'SL-M' ? 'TRIGGER PENDING' : 'OPEN');
  }

  private fillAtMarket(order: FakeOrder, tranches?: readonly number[]): void {
    const price = this.deps.marketPrice(instrumentKey(order.instrument));
    const parts = tranches && tranches.length > 0 ? tranches : [order.quantity];
    for (const part of parts) {
      const quantity = Math.min(part, order.quantity - order.filledQuantity);
      if (quantity > 0) this.execute(order, quantity, price);
    }
  }

  private execute(order: FakeOrder, quantity: number, price: number): FakeTrade {
    const at = this.deps.now();
    const trade: FakeTrade = { tradeId: String(10_000_000 + this.nextTrade++), order, quantity, price, at };
    this.tradeLog.push(trade);
    order.filledQuantity += quantity;
    order.filledValue += price * quantity;
    this.step(order, order.filledQuantity === order.quantity ? 'COMPLETE' : 'OPEN');
    return trade;
  }

  private step(order: FakeOrder, status: string): void {
    order.status = status;
    if (order.exchangeAt !== null) order.updatedAt = this.deps.now();
    order.history.push(this.orderJson(order));
    this.deps.onUpdate(order);
  }

  /** GET /orders item, with the fields and nulls Kite's payloads have. */
  orderJson(order: FakeOrder): Record<string, unknown> {
    const json: Record<string, unknown> = {
      placed_by: this.deps.userId,
      order_id: order.orderId,
      exchange_order_id: order.exchangeOrderId,
      parent_order_id: null,
      status: order.status,
      status_message: order.statusMessage,
      status_message_raw: order.status === 'REJECTED' ? `RMS:${order.statusMessage ?? ''}` : null,
      order_timestamp: formatIstTimestamp(order.placedAt),
      exchange_update_timestamp: order.updatedAt === null ? null : formatIstTimestamp(order.updatedAt),
      exchange_timestamp: order.exchangeAt === null ? null : formatIstTimestamp(order.exchangeAt),
      variety: order.variety,
      modified: order.modified,
      exchange: order.instrument.exchange,
      tradingsymbol: order.instrument.tradingsymbol,
      instrument_token: order.instrument.instrumentToken,
      order_type: order.orderType,
      transaction_type: order.transactionType,
      validity: order.validity,
      validity_ttl: 0,
      product: order.product,
      quantity: order.quantity,
      disclosed_quantity: order.disclosedQuantity,
      price: rupees(order.price),
      trigger_price: rupees(order.triggerPrice),
      average_price: order.filledQuantity === 0 ? 0 : order.filledValue / order.filledQuantity / 100,
      filled_quantity: order.filledQuantity,
      // As in Kite's payloads: a cancelled order still reports its unfilled rest as pending; a rejected one none.
      pending_quantity: order.status === 'REJECTED' ? 0 : order.quantity - order.filledQuantity,
      cancelled_quantity: order.cancelledQuantity,
      market_protection: order.marketProtection,
      meta: {},
      tag: order.tag,
      guid: order.guid,
    };
    if (order.tag !== null) json['tags'] = [order.tag];
    return json;
  }

  /** GET /trades item. Kite's trade `order_timestamp` is a bare time of day. */
  tradeJson(trade: FakeTrade): Record<string, unknown> {
    const at = formatIstTimestamp(trade.at);
    return {
      trade_id: trade.tradeId,
      order_id: trade.order.orderId,
      exchange: trade.order.instrument.exchange,
      tradingsymbol: trade.order.instrument.tradingsymbol,
      instrument_token: trade.order.instrument.instrumentToken,
      product: trade.order.product,
      average_price: rupees(trade.price),
      quantity: trade.quantity,
      exchange_order_id: trade.order.exchangeOrderId,
      transaction_type: trade.order.transactionType,
      fill_timestamp: at,
      order_timestamp: formatIstTimestamp(trade.order.placedAt).slice(11),
      exchange_timestamp: at,
    };
  }
}
