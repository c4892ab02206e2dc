import { afterEach, describe, expect, it } from 'vitest';
import { asClientOrderId, asInstrumentId, paise } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { BrokerEvent, BrokerOrderRequest } from '../broker.ts';
import { XTS_TEST_ACCOUNT, startXtsHarness, type XtsHarness } from './fake/fake-xts-harness.ts';
import { XtsBroker } from './xts-broker.ts';

const FUT = 35003;
let counter = 0;
const order = (over: Partial<BrokerOrderRequest> = {}): BrokerOrderRequest => ({
  accountId: XTS_TEST_ACCOUNT,
  clientOrderId: asClientOrderId(`xb${process.pid}n${++counter}`),
  instrumentId: asInstrumentId('NFO:NIFTY26DECFUT'),
  side: 'BUY',
  type: 'MARKET',
  product: 'NRML',
  quantity: 65,
  price: null,
  triggerPrice: null,
  ...over,
});

describe('XtsBroker against the fake XTS Interactive', () => {
  let harness: XtsHarness;
  let events: BrokerEvent[];
  const start = async (options: Parameters<typeof startXtsHarness>[0] = {}) => {
    harness = await startXtsHarness({ placeGraceMs: 200, ...options });
    events = [];
    harness.broker.onEvent((event) => events.push(event));
    harness.fake.setMarket(FUT, { bid: 2_600_000, ask: 2_600_010, last: 2_600_005 });
  };
  const of = (request: BrokerOrderRequest) => events.filter((event) => event.clientOrderId === request.clientOrderId);
  const until = (request: BrokerOrderRequest, test: (events: BrokerEvent[]) => boolean, message: string) =>
    waitUntil(() => test(of(request)) && of(request), { timeoutMs: 5_000, message });
  const ordersWith = (request: BrokerOrderRequest) => harness.fake.book.orders.filter((row) => row.uniqueIdentifier === request.clientOrderId);
  const posts = (path: string) => harness.fake.requests.filter((request) => request.method === 'POST' && request.path === path).length;

  afterEach(async () => {
    await harness.close();
  });

  it('lost-ack-no-duplicate: the order XTS accepted after our answer was lost is found by orderUniqueIdentifier, never placed twice', async () => {
    await start();
    harness.fake.faults.loseNextAck = true;
    const buy = order();
    harness.broker.placeOrder(buy);
    const seen = await until(buy, (list) => list.some((event) => event.kind === 'filled'), 'filled after a lost answer');
    expect(seen.map((event) => event.kind)).toEqual(['accepted', 'filled']);
    expect(ordersWith(buy)).toHaveLength(1);
    expect(posts('/interactive/orders')).toBe(1);
    expect(seen[0]).toMatchObject({ brokerOrderId: String(ordersWith(buy)[0]?.appOrderId) });
  });

  it('a delayed acknowledgement still gives one acceptance and one fill (trades may beat the answer)', async () => {
    await start();
    harness.fake.faults.delayAckMs = 300;
    const buy = order();
    harness.broker.placeOrder(buy);
    // Reconciliation must not settle it from the books meanwhile: the adapter says it is still sending.
    expect(harness.broker.sending(buy.accountId, buy.clientOrderId)).toBe(true);
    const seen = await until(buy, (list) => list.some((event) => event.kind === 'filled'), 'filled after a slow answer');
    expect(seen.map((event) => event.kind)).toEqual(['accepted', 'filled']);
    expect(ordersWith(buy)).toHaveLength(1);
    expect(harness.broker.sending(buy.accountId, buy.clientOrderId)).toBe(false);
  });

  it('partial fills: one filled event per XTS execution, exact quantities and distinct trade ids', async () => {
    await start();
    harness.fake.faults.partialFills = [25, 40];
    const buy = order();
    harness.broker.placeOrder(buy);
    const seen = await until(buy, (list) => list.filter((event) => event.kind === 'filled').length === 2, 'two fills');
    const fills = seen.filter((event) => event.kind === 'filled');
    expect(fills.map((fill) => fill.quantity)).toEqual([25, 40]);
    expect(new Set(fills.map((fill) => fill.tradeId)).size).toBe(2);
    const books = await harness.broker.books();
    expect(books.trades.filter((trade) => trade.clientOrderId === buy.clientOrderId).map((trade) => trade.quantity)).toEqual([25, 40]);
  });

  it('dates a trade-book row without its execution time now (the book is the day\'s), not 1970', async () => {
    await start();
    const buy = order();
    harness.broker.placeOrder(buy);
    await until(buy, (list) => list.some((event) => event.kind === 'filled'), 'filled');
    harness.fake.faults.tradeTimesMissing = true;
    const before = Date.now();
    const books = await harness.broker.books();
    const trade = books.trades.find((each) => each.clientOrderId === buy.clientOrderId);
    expect(trade?.executedAt).toBeGreaterThanOrEqual(before);
  });

  it('a cancel XTS refuses (the order filled first) is reported with its reason; nothing is cancelled', async () => {
    await start();
    const buy = order();
    harness.broker.placeOrder(buy);
    const seen = await until(buy, (list) => list.some((event) => event.kind === 'filled'), 'filled');
    const accepted = seen.find((event) => event.kind === 'accepted') as Extract<BrokerEvent, { kind: 'accepted' }>;
    harness.broker.cancelOrder({ accountId: XTS_TEST_ACCOUNT, clientOrderId: buy.clientOrderId, brokerOrderId: accepted.brokerOrderId });
    const after = await until(buy, (list) => list.some((event) => event.kind === 'cancelRejected'), 'cancel refused');
    expect(after.find((event) => event.kind === 'cancelRejected')).toMatchObject({ reasonMessage: expect.stringMatching(/not open/i) });
    expect(after.some((event) => event.kind === 'canceled')).toBe(false);
  });

  it("a rejection is XTS's own word: reported with its reason", async () => {
    await start();
    harness.fake.faults.rejectNext = 'RMS:Margin Exceeds for Client';
    const buy = order();
    harness.broker.placeOrder(buy);
    const seen = await until(buy, (list) => list.some((event) => event.kind === 'rejected'), 'rejected');
    expect(seen.at(-1)).toMatchObject({ kind: 'rejected', reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: 'RMS:Margin Exceeds for Client' });
    expect(seen.map((event) => event.kind)).not.toContain('filled');
  });

  it('an order that fails to be written in XTS\'s terms is rejected at once: nothing was sent, so nothing is looked up', async () => {
    await start();
    // A bug of ours while building the request, stood in for by values no caller can send (TypeScript would refuse them).
    const badPrice = order({ type: 'LIMIT', price: 2_600_000n as unknown as BrokerOrderRequest['price'] });
    const badQuantity = order({ quantity: 65n as unknown as number });
    harness.broker.placeOrder(badPrice);
    harness.broker.placeOrder(badQuantity);
    for (const request of [badPrice, badQuantity]) {
      const seen = await waitUntil(() => of(request).find((event) => event.kind === 'rejected'), { timeoutMs: 1_000, message: 'rejected before sending' });
      expect(seen).toMatchObject({ reasonCode: 'BROKER_INPUT_REJECTED', reasonMessage: expect.stringMatching(/nothing was sent/) });
      expect(harness.broker.sending(request.accountId, request.clientOrderId)).toBe(false);
    }
    expect(harness.fake.requests.filter((request) => request.path === '/interactive/orders')).toEqual([]);
  });

  /** A LIMIT under the market, partly filled and then cancelled at XTS while its trade is held back. */
  const fillThenCancelWithTradeHeld = async () => {
    const buy = order({ type: 'LIMIT', price: paise(2_500_000), quantity: 130 });
    harness.broker.placeOrder(buy);
    await until(buy, (list) => list.some((event) => event.kind === 'accepted'), 'accepted');
    const [row] = ordersWith(buy);
    harness.fake.faults.holdTrades = true;
    harness.fake.book.fill(row!, 65, 2_500_000);
    harness.fake.book.cancel(row!);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the order events, and the read-back they start
    return buy;
  };

  it('a Cancelled order event that beats its trade: the order waits for the fill, then is cancelled', async () => {
    await start();
    const buy = await fillThenCancelWithTradeHeld();
    expect(of(buy).map((event) => event.kind)).toEqual(['accepted']);
    harness.fake.releaseTrades();
    const seen = await until(buy, (list) => list.some((event) => event.kind === 'canceled'), 'cancelled after its fill');
    expect(seen.map((event) => event.kind)).toEqual(['accepted', 'filled', 'canceled']);
    expect(seen[1]).toMatchObject({ quantity: 65 });
    expect(harness.broker.parkedTrades).toBe(0);
  });

  it('a final order whose trade never comes is let go after the wait; a trade kept for an order nobody follows is dropped in time', async () => {
    await start({ fillsWaitMs: 100, parkedTradeTtlMs: 100 });
    const buy = await fillThenCancelWithTradeHeld();
    await harness.broker.readBack(); // past the wait: final without its fill (reconciliation brings it)
    expect(of(buy).map((event) => event.kind)).toEqual(['accepted', 'canceled']);
    harness.fake.releaseTrades();
    await waitUntil(() => harness.broker.parkedTrades === 1 || undefined, { timeoutMs: 2_000, message: 'the late trade kept' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const next = order();
    harness.broker.placeOrder(next);
    await until(next, (list) => list.some((event) => event.kind === 'filled'), 'another order filled');
    expect(harness.broker.parkedTrades).toBe(0);
  });

  it('a 429 burst on placement: resent (same identifier) only once the book shows it absent — one order', async () => {
    await start();
    harness.fake.faults.rateLimitNext = 1;
    const buy = order();
    harness.broker.placeOrder(buy);
    await until(buy, (list) => list.some((event) => event.kind === 'filled'), 'filled after a 429');
    expect(ordersWith(buy)).toHaveLength(1);
    expect(posts('/interactive/orders')).toBe(2);
  });

  it('reconnect-recovers-missed-fill: a fill while the order socket was down is recovered from the books on reconnect', async () => {
    await start();
    const buy = order({ type: 'LIMIT', price: paise(2_599_000) });
    harness.broker.placeOrder(buy);
    await until(buy, (list) => list.some((event) => event.kind === 'accepted'), 'accepted');
    harness.fake.faults.socketsDown = true;
    harness.fake.dropSockets();
    harness.fake.setMarket(FUT, { bid: 2_598_990, ask: 2_599_000, last: 2_598_995 });
    expect(harness.fake.book.trades).toHaveLength(1);
    expect(of(buy).map((event) => event.kind)).not.toContain('filled');
    harness.fake.faults.socketsDown = false;
    const seen = await until(buy, (list) => list.some((event) => event.kind === 'filled'), 'fill recovered after reconnect');
    expect(seen.filter((event) => event.kind === 'filled')).toHaveLength(1);
    expect(seen.find((event) => event.kind === 'filled')).toMatchObject({ quantity: 65, price: 2_599_000 });
  });

  it('second-login-detected: a login elsewhere ends our session — surfaced once, never re-logged-in, nothing more sent', async () => {
    await start();
    const connection: boolean[] = [];
    harness.broker.onConnectionChange((connected) => connection.push(connected));
    harness.fake.loginElsewhere();
    const [ended] = await waitUntil(() => harness.sessionEnds.length > 0 && harness.sessionEnds, { message: 'session end surfaced' });
    expect(ended?.code).toBe('BROKER_SESSION_EXPIRED');
    await waitUntil(() => connection.includes(false), { message: 'disconnected' });
    const buy = order();
    harness.broker.placeOrder(buy);
    await until(buy, (list) => list.some((event) => event.kind === 'rejected'), 'refused unsent');
    expect(of(buy)[0]).toMatchObject({ kind: 'rejected', reasonCode: 'BROKER_SESSION_EXPIRED' });
    expect(posts('/interactive/orders')).toBe(0);
    expect(posts('/interactive/user/session')).toBe(1);
    expect(harness.sessionEnds).toHaveLength(1);
  });

  it('token-expiry-refuses: an expired token is detected on the next request; later requests are refused before sending', async () => {
    await start();
    harness.fake.expireToken();
    await expect(harness.broker.books()).rejects.toMatchObject({ code: 'BROKER_SESSION_EXPIRED' });
    // Told just after the answer (so an order refused by it is rejected before the link lets go), once.
    await waitUntil(() => harness.sessionEnds.length > 0, { message: 'session end surfaced' });
    expect(harness.sessionEnds).toHaveLength(1);
    const buy = order();
    harness.broker.placeOrder(buy);
    await until(buy, (list) => list.some((event) => event.kind === 'rejected'), 'refused');
    expect(of(buy)[0]).toMatchObject({ kind: 'rejected', reasonCode: 'BROKER_SESSION_EXPIRED' });
    expect(posts('/interactive/orders')).toBe(0);
    expect(posts('/interactive/user/session')).toBe(1);
  });

  it('an adapter taking over an account (restart, reconnect) follows the orders it is handed: fills arrive live, a modify keeps the product', async () => {
    await start();
    const buy = order({ type: 'LIMIT', product: 'MIS', price: paise(2_599_000) });
    harness.broker.placeOrder(buy);
    const accepted = (await until(buy, (list) => list.some((event) => event.kind === 'accepted'), 'accepted')).find((event) => event.kind === 'accepted') as Extract<BrokerEvent, { kind: 'accepted' }>;
    harness.broker.close(); // the old session's adapter goes away

    const next = new XtsBroker({ client: harness.client, rootUrl: harness.fake.url, accountId: XTS_TEST_ACCOUNT, directory: harness.directory, logger: { warn: () => undefined }, engineIo: 3, reconnectDelayMs: 50, pollMs: 60_000 });
    try {
      await next.ready(5_000);
      const seen: BrokerEvent[] = [];
      next.onEvent((event) => seen.push(event));
      next.adopt([{ clientOrderId: buy.clientOrderId, brokerOrderId: accepted.brokerOrderId, stop: false, triggered: false }]);
      next.modifyOrder({ accountId: XTS_TEST_ACCOUNT, clientOrderId: buy.clientOrderId, brokerOrderId: accepted.brokerOrderId, product: 'MIS', type: 'LIMIT', quantity: 65, price: paise(2_598_500), triggerPrice: null });
      await waitUntil(() => seen.some((event) => event.kind === 'modified'), { timeoutMs: 5_000, message: 'modified' });
      const put = harness.fake.requests.find((request) => request.method === 'PUT' && request.path === '/interactive/orders');
      expect(put?.body).toMatchObject({ appOrderID: Number(accepted.brokerOrderId), modifiedProductType: 'MIS' });
      // The market comes to it: the fill reaches the adopting adapter over the order socket.
      harness.fake.setMarket(FUT, { bid: 2_598_490, ask: 2_598_500, last: 2_598_495 });
      const fill = await waitUntil(() => seen.find((event) => event.kind === 'filled'), { timeoutMs: 5_000, message: 'the fill, live' });
      expect(fill).toMatchObject({ clientOrderId: buy.clientOrderId, quantity: 65, price: 2_598_500 });
    } finally {
      next.close();
    }
  });

  it('an adopted order the book does not show is let go after a few reads, so the read-back stops polling for it', async () => {
    await start();
    harness.broker.adopt([{ clientOrderId: asClientOrderId('yesterday'), brokerOrderId: '999000111', stop: false, triggered: false }]);
    const reads = () => harness.fake.requests.filter((request) => request.method === 'GET' && request.path === '/interactive/orders').length;
    for (let read = 0; read < 3; read += 1) await harness.broker.readBack();
    const after = reads();
    expect(after).toBeGreaterThanOrEqual(3);
    await harness.broker.readBack();
    expect(reads()).toBe(after);
  });

  for (const engineIo of [3, 4] as const) {
    it(`order events arrive over Engine.IO v${engineIo}`, async () => {
      await start({ engineIo });
      expect(harness.fake.socketProtocols).toEqual([engineIo]);
      const buy = order();
      harness.broker.placeOrder(buy);
      await until(buy, (list) => list.some((event) => event.kind === 'filled'), `filled over EIO${engineIo}`);
    });
  }
});
