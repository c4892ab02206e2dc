import { formatXtsIstDateTime } from '../xts-units.ts';

/**
 * The fake XTS venue's books: orders, executions and net positions, written out in the Interactive
 * API's row shapes (order book = order event, trade book = trade event). Prices are held in paise
 * and written as rupee numbers, like XTS; OrderAverageTradedPrice is a string, "" before any fill.
 */
export type FakeXtsInstrument = { segment: 'NSEFO' | 'BSEFO' | 'NSECM' | 'BSECM'; exchangeInstrumentId: number; tradingSymbol: string };

export type FakeXtsOrder = {
  appOrderId: number;
  uniqueIdentifier: string;
  instrument: FakeXtsInstrument;
  side: 'BUY' | 'SELL';
  orderType: 'MARKET' | 'LIMIT' | 'STOPLIMIT' | 'STOPMARKET';
  productType: string;
  quantity: number;
  limitPaise: number;
  stopPaise: number;
  status: 'PendingNew' | 'New' | 'PartiallyFilled' | 'Filled' | 'Cancelled' | 'Rejected';
  triggered: boolean;
  filled: number;
  /** Σ price × quantity of the executions, for the average. */
  notionalPaise: number;
  reason: string;
  createdAt: number;
  updatedAt: number;
};

export type FakeXtsTrade = { executionId: string; order: FakeXtsOrder; quantity: number; pricePaise: number; at: number };

export type FakeBookListener = { order(row: Record<string, unknown>): void; trade(row: Record<string, unknown>): void; position(row: Record<string, unknown>): void };

const rupees = (amountPaise: number): number => amountPaise / 100;

export class FakeXtsOrderBook {
  readonly orders: FakeXtsOrder[] = [];
  readonly trades: FakeXtsTrade[] = [];
  private nextOrderId = 1_100_001;
  private nextExecution = 9_001;

  constructor(
    private readonly clientId: string,
    private readonly listener: FakeBookListener,
  ) {}

  add(order: Omit<FakeXtsOrder, 'appOrderId' | 'status' | 'triggered' | 'filled' | 'notionalPaise' | 'reason' | 'createdAt' | 'updatedAt'>, rejectReason: string | null): FakeXtsOrder {
    const now = Date.now();
    const created: FakeXtsOrder = { ...order, appOrderId: this.nextOrderId++, status: 'PendingNew', triggered: false, filled: 0, notionalPaise: 0, reason: '', createdAt: now, updatedAt: now };
    this.orders.push(created);
    this.publish(created);
    if (rejectReason !== null) {
      created.status = 'Rejected';
      created.reason = rejectReason;
    } else {
      created.status = 'New';
    }
    this.publish(created);
    return created;
  }

  find(appOrderId: number): FakeXtsOrder | undefined {
    return this.orders.find((order) => order.appOrderId === appOrderId);
  }

  isWorking(order: FakeXtsOrder): boolean {
    return order.status === 'New' || order.status === 'PartiallyFilled' || order.status === 'PendingNew';
  }

  modify(order: FakeXtsOrder, change: Partial<Pick<FakeXtsOrder, 'quantity' | 'limitPaise' | 'stopPaise' | 'orderType'>>): void {
    Object.assign(order, change, { updatedAt: Date.now() });
    this.publish(order);
  }

  cancel(order: FakeXtsOrder): void {
    order.status = 'Cancelled';
    order.updatedAt = Date.now();
    this.publish(order);
  }

  /** One execution: trade event, then the order's new state, then the position. */
  fill(order: FakeXtsOrder, quantity: number, pricePaise: number): void {
    const lot = Math.min(quantity, order.quantity - order.filled);
    if (lot <= 0) return;
    order.filled += lot;
    order.notionalPaise += lot * pricePaise;
    order.status = order.filled === order.quantity ? 'Filled' : 'PartiallyFilled';
    order.updatedAt = Date.now();
    const trade: FakeXtsTrade = { executionId: String(this.nextExecution++), order, quantity: lot, pricePaise, at: order.updatedAt };
    this.trades.push(trade);
    this.listener.trade(this.tradeRow(trade));
    this.listener.order(this.orderRow(order));
    const position = this.positionRows().find((row) => row['ExchangeInstrumentId'] === order.instrument.exchangeInstrumentId && row['ProductType'] === order.productType);
    if (position) this.listener.position(position);
  }

  orderRow(order: FakeXtsOrder): Record<string, unknown> {
    return {
      LoginID: this.clientId,
      ClientID: this.clientId,
      AppOrderID: order.appOrderId,
      OrderReferenceID: '',
      GeneratedBy: 'TWSAPI',
      ExchangeOrderID: order.status === 'PendingNew' || order.status === 'Rejected' ? '' : String(1_000_000_000_000_000 + order.appOrderId),
      OrderCategoryType: 'NORMAL',
      ExchangeSegment: order.instrument.segment,
      ExchangeInstrumentID: order.instrument.exchangeInstrumentId,
      TradingSymbol: order.instrument.tradingSymbol,
      OrderSide: order.side,
      OrderType: order.orderType,
      ProductType: order.productType,
      TimeInForce: 'DAY',
      OrderPrice: rupees(order.limitPaise),
      OrderQuantity: order.quantity,
      OrderStopPrice: rupees(order.stopPaise),
      OrderStatus: order.status,
      OrderAverageTradedPrice: order.filled === 0 ? '' : (order.notionalPaise / order.filled / 100).toFixed(2),
      LeavesQuantity: order.status === 'Cancelled' || order.status === 'Rejected' ? 0 : order.quantity - order.filled,
      CumulativeQuantity: order.filled,
      OrderDisclosedQuantity: 0,
      OrderGeneratedDateTime: formatXtsIstDateTime(order.createdAt),
      ExchangeTransactTime: formatXtsIstDateTime(order.updatedAt),
      LastUpdateDateTime: formatXtsIstDateTime(order.updatedAt),
      CancelRejectReason: order.reason,
      OrderUniqueIdentifier: order.uniqueIdentifier,
      MessageCode: 9004,
      SequenceNumber: order.updatedAt,
    };
  }

  tradeRow(trade: FakeXtsTrade): Record<string, unknown> {
    return {
      ...this.orderRow(trade.order),
      LastTradedPrice: rupees(trade.pricePaise),
      LastTradedQuantity: trade.quantity,
      LastExecutionTransactTime: formatXtsIstDateTime(trade.at),
      ExecutionID: trade.executionId,
      ExecutionReportIndex: Number(trade.executionId),
    };
  }

  positionRows(): Record<string, unknown>[] {
    const byKey = new Map<string, { instrument: FakeXtsInstrument; product: string; buy: number; sell: number }>();
    for (const trade of this.trades) {
      const key = `${trade.order.instrument.exchangeInstrumentId}:${trade.order.productType}`;
      const row = byKey.get(key) ?? { instrument: trade.order.instrument, product: trade.order.productType, buy: 0, sell: 0 };
      if (trade.order.side === 'BUY') row.buy += trade.quantity;
      else row.sell += trade.quantity;
      byKey.set(key, row);
    }
    return [...byKey.values()].map((row) => ({
      AccountID: this.clientId,
      TradingSymbol: row.instrument.tradingSymbol,
      ExchangeSegment: row.instrument.segment,
      ExchangeInstrumentId: row.instrument.exchangeInstrumentId,
      ProductType: row.product,
      Marketlot: 1,
      Multiplier: 1,
      OpenBuyQuantity: row.buy,
      OpenSellQuantity: row.sell,
      Quantity: row.buy - row.sell,
      MessageCode: 9002,
    }));
  }

  private publish(order: FakeXtsOrder): void {
    this.listener.order(this.orderRow(order));
  }
}
