import { DomainError, InstrumentSchema, mulPaise, TRADEBOOK_MAX_TRADES, tradebookSpan, type Instrument, type Order, type OrderId, type Trade, type Tradebook, type TradebookQuery } from '@strikedesk/domain';
import type { Journal, ListedInstrumentStore } from '@strikedesk/db/client';
import type { TradingState } from './trading-state.ts';

/** Order ids per journal read: one `order_id = ANY(...)` query each. */
const IDS_PER_READ = 2_000;
/**
 * A broker's execution time may run ahead of ours (its clock, a fill reported late): orders last
 * updated this long before the range begins are still read, so none of their fills is missed.
 */
const CLOCK_SLACK_MS = 86_400_000;

/**
 * The account's tradebook for a range of IST days: every fill the journal holds for its orders,
 * executed in the range, oldest first — the orders come from the trading state (which keeps every
 * order), the fills from their journal records, read up to the seq the state stands at so the book
 * matches the orderbook shown beside it.
 */
export class TradebookReader {
  constructor(
    private readonly deps: {
      journal: Pick<Journal, 'readOrders'>;
      state: TradingState;
      instrument(id: string): Instrument | undefined;
      listed: Pick<ListedInstrumentStore, 'load'>;
      maxTrades?: number;
    },
  ) {}

  async read(query: TradebookQuery): Promise<Tradebook> {
    const { start, end } = tradebookSpan(query);
    const { state, journal } = this.deps;
    const upToSeq = state.lastSeq;
    const orders = new Map<string, Order>();
    // Copies: the fold updates orders in place while the journal is read.
    for (const order of state.ordersOf(query.accountId)) if (order.filledQuantity > 0 && order.updatedAt >= start - CLOCK_SLACK_MS) orders.set(order.orderId, { ...order });
    const ids = [...orders.keys()];
    const trades: (Trade & { seq: number })[] = [];
    const maxTrades = this.deps.maxTrades ?? TRADEBOOK_MAX_TRADES;
    for (let from = 0; from < ids.length; from += IDS_PER_READ) {
      for (const { seq, event } of await journal.readOrders(ids.slice(from, from + IDS_PER_READ), upToSeq)) {
        if (event.type !== 'OrderFilled') continue;
        const executedAt = event.executedAt ?? event.at;
        if (executedAt < start || executedAt >= end) continue;
        const order = orders.get(event.orderId) as Order;
        if (trades.length === maxTrades) {
          throw new DomainError('TRADEBOOK_TOO_LARGE', `More than ${maxTrades.toLocaleString('en-IN')} trades from ${query.from} to ${query.to}: choose a shorter period.`);
        }
        trades.push({ seq, ...tradeOf(order, event.tradeId, event.quantity, event.price, executedAt) });
      }
    }
    trades.sort((a, b) => a.executedAt - b.executedAt || a.seq - b.seq);
    return { from: query.from, to: query.to, trades: trades.map(({ seq: _seq, ...trade }) => trade), instruments: await this.instruments(trades) };
  }

  /** Today's listing first; a contract gone from it as it was last listed (ADR 0010, "Held contracts"). */
  private async instruments(trades: readonly Trade[]): Promise<Instrument[]> {
    const known = new Map<string, Instrument>();
    const missing: string[] = [];
    for (const id of new Set(trades.map((trade) => trade.instrumentId))) {
      const instrument = this.deps.instrument(id);
      if (instrument) known.set(id, instrument);
      else missing.push(id);
    }
    for (const row of await this.deps.listed.load(missing)) {
      const parsed = InstrumentSchema.safeParse(row.definition);
      if (parsed.success) known.set(row.id, parsed.data);
    }
    return [...known.values()];
  }
}

function tradeOf(order: Order, tradeId: Trade['tradeId'], quantity: number, price: Trade['price'], executedAt: number): Trade {
  return {
    tradeId,
    orderId: order.orderId as OrderId,
    clientOrderId: order.clientOrderId,
    brokerOrderId: order.brokerOrderId,
    instrumentId: order.instrumentId,
    side: order.side,
    product: order.product,
    quantity,
    price,
    value: mulPaise(price, quantity),
    executedAt,
    origin: order.origin,
    strategyId: order.strategyId,
    portfolioId: order.portfolioId,
  };
}
