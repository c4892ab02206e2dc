import {
  asAccountId,
  asInstrumentId,
  asUserId,
  DEFAULT_RISK_LIMITS,
  paise,
  type AccountId,
  type EngineEvent,
  type Instrument,
  type Paise,
  type RiskLimits,
  type Tick,
} from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import type { JournalRecord } from '@strikedesk/db/client';
import type { BrokerEvent } from '../brokers/broker.ts';
import { PaperVenue } from '../brokers/paper/paper-venue.ts';
import { toOrderRequest } from '../orders/broker-mapping.ts';
import { OrderDecider } from '../orders/order-decider.ts';
import { OrderIdAllocator } from '../orders/order-ids.ts';
import { TradingState } from '../orders/trading-state.ts';
import { TradingRiskView } from '../risk/trading-risk-view.ts';

export const SESSION_ACCOUNTS: AccountId[] = [asAccountId('11111111-1111-4111-8111-111111111111'), asAccountId('22222222-2222-4222-8222-222222222222')];
const USER = asUserId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');

function futureOf(underlying: string, lotSize: number, freezeLots: number): Instrument {
  return {
    id: asInstrumentId(`NFO:${underlying}26DECFUT`),
    exchange: 'NFO',
    tradingSymbol: `${underlying}26DECFUT`,
    underlying,
    displayName: `${underlying} 29 DEC FUT`,
    kind: 'FUTURE',
    expiry: '2026-12-29',
    expiryType: 'MONTHLY',
    strike: null,
    lotSize,
    tickSize: paise(5),
    freezeQuantity: lotSize * freezeLots,
    tradable: true,
  };
}
export const SESSION_INSTRUMENTS: Instrument[] = [futureOf('NIFTY', 65, 3), futureOf('BANKNIFTY', 30, 4)];

/**
 * The engine's core in memory — decisions, the journal as an array, the fold, and the paper venue
 * matching synchronously — for property tests that drive thousands of random commands quickly. The
 * same code the engine runs (OrderDecider, TradingState, PaperVenue, account risk checks); only the
 * I/O around it (PostgreSQL, the account lock, the broker's asynchronous delivery) is left out.
 */
export class InMemorySession {
  readonly state = new TradingState();
  readonly records: JournalRecord[] = [];
  readonly decider: OrderDecider;
  readonly venue: PaperVenue;
  private readonly quotes = new Map<string, Tick>();
  private readonly outbox: BrokerEvent[] = [];
  now: number;

  constructor(start: number, limits: RiskLimits = { ...DEFAULT_RISK_LIMITS, ordersPerSecond: 1_000, ordersPerMinute: null, ordersPerDay: null, maxOpenOrders: null }) {
    this.now = start;
    for (const instrument of SESSION_INSTRUMENTS) this.setQuote(instrument.id, instrument.underlying === 'NIFTY' ? paise(2_600_000) : paise(5_900_000));
    const byId = new Map(SESSION_INSTRUMENTS.map((instrument) => [instrument.id as string, instrument]));
    const market = { latest: (id: string) => this.quotes.get(id), instrument: (id: string) => byId.get(id), now: () => this.now };
    this.decider = new OrderDecider(
      this.state,
      {
        instrument: (id) => byId.get(id),
        latest: (id) => this.quotes.get(id),
        isMarketOpen: () => true,
        riskLimits: () => ({ version: 0, limits }),
        riskView: new TradingRiskView(this.state, market),
      },
      new OrderIdAllocator(0),
    );
    this.venue = new PaperVenue(market, (event) => this.outbox.push(event), () => this.now);
  }

  quote(instrumentId: string): Tick {
    const tick = this.quotes.get(instrumentId);
    if (!tick) throw new Error(`no quote for ${instrumentId}`);
    return tick;
  }

  /** Moves an instrument's market to `lastPrice` with a one-tick spread; the venue matches against it. */
  setQuote(instrumentId: string, lastPrice: Paise): void {
    const tick = stubTick(instrumentId, lastPrice, { bid: paise(lastPrice - 5), ask: paise(lastPrice + 5), previousClose: paise(2_600_000), timestamp: this.now });
    this.quotes.set(instrumentId, tick);
    this.venue?.onTicks([tick]);
  }

  /** Journals and applies events as one commit (what JournalWriter does, minus PostgreSQL). */
  commit(events: readonly EngineEvent[]): void {
    for (const event of events) {
      const record = { seq: this.state.lastSeq + 1, event };
      this.state.apply(record);
      this.records.push(record);
    }
  }

  submit(args: { account: AccountId; instrumentId: string; side: 'BUY' | 'SELL'; type: 'MARKET' | 'LIMIT'; lots: number; price: Paise | null; book?: string; product?: 'NRML' | 'MIS' }): void {
    const instrument = SESSION_INSTRUMENTS.find((candidate) => candidate.id === args.instrumentId);
    if (!instrument) throw new Error('unknown instrument');
    const decision = this.decider.submit(
      {
        accountId: args.account,
        userId: USER,
        origin: args.book ? (args.book.startsWith('pf-') ? 'PORTFOLIO' : 'STRATEGY') : 'TERMINAL',
        order: {
          instrumentId: instrument.id,
          side: args.side,
          type: args.type,
          product: args.product ?? 'NRML',
          quantity: args.lots * instrument.lotSize,
          price: args.type === 'LIMIT' ? args.price : null,
          triggerPrice: null,
          // A book named `pf-…` is a multi-leg portfolio's, any other a strategy's.
          ...(args.book ? (args.book.startsWith('pf-') ? { portfolioId: args.book as never } : { strategyId: args.book as never }) : {}),
        },
      },
      this.now,
    );
    if (decision.kind === 'existing') return;
    this.commit(decision.events);
    if (!decision.denied) for (const event of decision.events) this.venue.place(toOrderRequest(this.state.order(event.orderId)!));
    this.deliver();
  }

  cancel(account: AccountId, orderId: string): void {
    try {
      this.commit([this.decider.cancel({ accountId: account, userId: USER, cancel: { orderId: orderId as never } }, this.now)]);
    } catch {
      return; // not cancelable any more: a refusal, nothing journaled
    }
    const order = this.state.order(orderId)!;
    this.venue.cancel({ accountId: account, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId ?? '' });
    this.deliver();
  }

  modify(account: AccountId, orderId: string, price: Paise): void {
    let decision;
    try {
      decision = this.decider.modify({ accountId: account, userId: USER, modify: { orderId: orderId as never, price } }, this.now);
    } catch {
      return;
    }
    // A refusal is journaled too (the replay must reproduce its reason on the order).
    this.commit([decision.event]);
    if (decision.kind === 'denied') return;
    const { event } = decision;
    const order = this.state.order(orderId)!;
    this.venue.modify({ accountId: account, clientOrderId: order.clientOrderId, brokerOrderId: order.brokerOrderId ?? '', type: event.orderType, quantity: event.quantity, price: event.price, triggerPrice: event.triggerPrice });
    this.deliver();
  }

  /** The venue's answers, journaled in the order it sent them. */
  deliver(): void {
    while (this.outbox.length > 0) {
      const event = this.outbox.shift() as BrokerEvent;
      const decision = this.decider.brokerEvent(event, this.now);
      if (decision.kind === 'journal') this.commit([decision.event]);
    }
  }
}
