import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asAccountId, asClientOrderId, asInstrumentId, paise, type OrderType, type Side, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { BROKER_FEATURES, CAPABILITY_SUPPORT, type Broker, type BrokerEvent, type BrokerOrderRequest } from '../broker.ts';

/**
 * One behaviour, every adapter: the scenarios every Broker must pass the same way, whatever venue
 * is behind it (the in-process paper venue, the paper venue over the network, and the Kite and XTS
 * adapters against their fakes). A harness gives the suite a broker and a way to move the venue's
 * market; the suite speaks only the Broker interface.
 */
export type ConformanceHarness = {
  broker: Broker;
  /** Sets the venue's quote for the suite's instrument (touch only) and lets the venue act on it. */
  quote(bid: number, ask: number, last: number): Promise<void>;
  close(): Promise<void>;
};

export const CONFORMANCE_INSTRUMENT = asInstrumentId('NFO:NIFTY26DECFUT');
const ACCOUNT = asAccountId('7a1e9c4f-2b3d-4e5f-8a9b-0c1d2e3f4a5b');

export function tick(bid: number, ask: number, last: number): Tick {
  return {
    instrumentId: CONFORMANCE_INSTRUMENT,
    timestamp: 0,
    lastPrice: paise(last),
    previousClose: paise(last),
    open: paise(last),
    high: paise(Math.max(last, ask)),
    low: paise(Math.min(last, bid)),
    bid: paise(bid),
    ask: paise(ask),
    bids: [],
    asks: [],
    volume: 0,
    openInterest: 0,
  };
}

export function describeBrokerConformance(name: string, createHarness: () => Promise<ConformanceHarness>): void {
  describe(`Broker conformance: ${name}`, () => {
    let harness: ConformanceHarness;
    let events: BrokerEvent[];
    let counter = 0;
    beforeEach(async () => {
      harness = await createHarness();
      events = [];
      harness.broker.onEvent((event) => events.push(event));
      await harness.quote(2_600_000, 2_600_010, 2_600_005);
    });
    afterEach(async () => {
      await harness.close();
    });

    const order = (side: Side, type: OrderType, price: number | null = null, triggerPrice: number | null = null): BrokerOrderRequest => ({
      accountId: ACCOUNT,
      clientOrderId: asClientOrderId(`cf${process.pid}x${++counter}`),
      instrumentId: CONFORMANCE_INSTRUMENT,
      side,
      type,
      product: 'NRML',
      quantity: 65,
      price: price === null ? null : paise(price),
      triggerPrice: triggerPrice === null ? null : paise(triggerPrice),
    });
    const of = (request: BrokerOrderRequest) => events.filter((event) => event.clientOrderId === request.clientOrderId);
    const kindsOf = (request: BrokerOrderRequest) => of(request).map((event) => event.kind);
    const until = (request: BrokerOrderRequest, kind: BrokerEvent['kind']) =>
      waitUntil(() => of(request).find((event) => event.kind === kind), { timeoutMs: 5_000, message: `${kind} for ${request.clientOrderId}` });

    it('declares how it provides every feature', () => {
      for (const feature of BROKER_FEATURES) expect(CAPABILITY_SUPPORT).toContain(harness.broker.capabilities[feature]);
    });

    it('a MARKET order is accepted, then filled inside the quoted market with a trade id, and shows in the books', async () => {
      const buy = order('BUY', 'MARKET');
      harness.broker.placeOrder(buy);
      const filled = (await until(buy, 'filled')) as { quantity: number; price: number; tradeId: string };
      expect(kindsOf(buy)[0]).toBe('accepted');
      expect(filled.quantity).toBe(65);
      expect(filled.tradeId).not.toBe('');
      // At the touch or better (the paper venue lifts the ask; a broker fills where the exchange matched).
      expect(filled.price).toBeGreaterThanOrEqual(2_600_000);
      expect(filled.price).toBeLessThanOrEqual(2_600_010);
      const books = await harness.broker.books();
      const booked = books.orders.find((row) => row.clientOrderId === buy.clientOrderId);
      expect(booked).toMatchObject({ status: 'FILLED', filledQuantity: 65, instrumentId: CONFORMANCE_INSTRUMENT, side: 'BUY' });
      expect(books.trades.filter((trade) => trade.clientOrderId === buy.clientOrderId).map((trade) => trade.quantity)).toEqual([65]);
      expect(books.positions.find((position) => position.accountId === ACCOUNT && position.instrumentId === CONFORMANCE_INSTRUMENT)?.netQuantity).toBe(65);
    });

    it('a LIMIT order rests until the market trades through it, and never fills before its price', async () => {
      const buy = order('BUY', 'LIMIT', 2_599_000);
      harness.broker.placeOrder(buy);
      await until(buy, 'accepted');
      await harness.quote(2_599_500, 2_599_510, 2_599_505);
      expect(kindsOf(buy)).not.toContain('filled');
      await harness.quote(2_598_990, 2_599_000, 2_598_995);
      const filled = await until(buy, 'filled');
      expect(filled).toMatchObject({ quantity: 65 });
      expect((filled as { price: number }).price).toBeLessThanOrEqual(2_599_000);
    });

    it('modifies and cancels a working order; a cancelled order never fills', async () => {
      const buy = order('BUY', 'LIMIT', 2_590_000);
      harness.broker.placeOrder(buy);
      const accepted = (await until(buy, 'accepted')) as { brokerOrderId: string };
      harness.broker.modifyOrder({ ...buy, brokerOrderId: accepted.brokerOrderId, price: paise(2_591_000) });
      expect(await until(buy, 'modified')).toMatchObject({ price: 2_591_000 });
      harness.broker.cancelOrder({ accountId: buy.accountId, clientOrderId: buy.clientOrderId, brokerOrderId: accepted.brokerOrderId });
      await until(buy, 'canceled');
      await harness.quote(2_580_000, 2_580_010, 2_580_005);
      expect(kindsOf(buy)).not.toContain('filled');
      expect((await harness.broker.books()).orders.find((row) => row.clientOrderId === buy.clientOrderId)?.status).toBe('CANCELED');
    });

    it('an SL-M sell is triggered when the last price falls to its trigger, then fills as a market order', async () => {
      const stop = order('SELL', 'SL_M', null, 2_595_000);
      harness.broker.placeOrder(stop);
      await until(stop, 'accepted');
      expect(kindsOf(stop)).not.toContain('triggered');
      await harness.quote(2_594_990, 2_595_000, 2_595_000);
      await until(stop, 'filled');
      // An adapter may repeat an event (REST answer and update stream both say "accepted"): the
      // OMS ignores repeats. The order of first occurrences is what every venue must keep.
      expect([...new Set(kindsOf(stop))]).toEqual(['accepted', 'triggered', 'filled']);
    });
  });
}
