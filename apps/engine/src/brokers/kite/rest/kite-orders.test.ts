import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId, paise } from '@strikedesk/domain';
import { placeRequest, requestsTo, startKiteHarness, type KiteHarness } from '../fake/fake-kite-harness.ts';
import { kiteErrorDetails } from './kite-errors.ts';
import { clientOrderIdOfKiteTag, kiteTagOf } from './kite-tag.ts';

/** Order endpoints against the fake Kite, mapped to our types. */
const CE = asInstrumentId('NFO:NIFTY26DEC24000CE');
const ACCOUNT = asAccountId('7c0a3b4e-1f2d-4c5b-9a8e-6d7f8a9b0c1d');
const order = placeRequest;

let h: KiteHarness;
beforeEach(async () => {
  h = await startKiteHarness();
});
afterEach(async () => h.close());

describe('placing', () => {
  it('sends a form-encoded, versioned, authorised request with our client order id as the tag', async () => {
    const request = order();
    const { brokerOrderId } = await h.client.placeOrder(request);
    const [sent] = requestsTo(h.fake, 'POST', /^\/orders\/regular$/);
    expect(sent?.headers).toMatchObject({
      kiteVersion: '3',
      authorization: `token ${h.fake.apiKey}:${h.fake.accessToken}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(sent?.body).toEqual({
      exchange: 'NFO',
      tradingsymbol: 'NIFTY26DEC24000CE',
      transaction_type: 'BUY',
      order_type: 'MARKET',
      quantity: '65',
      product: 'NRML',
      validity: 'DAY',
      market_protection: '-1',
      tag: kiteTagOf(request.clientOrderId),
    });
    // Kite's tag is alphanumeric: our id (t-N) travels encoded, and reads back as itself.
    expect(h.fake.book.order(brokerOrderId)?.tag).toMatch(/^[A-Za-z0-9]{1,20}$/);
    expect(clientOrderIdOfKiteTag(h.fake.book.order(brokerOrderId)?.tag)).toBe(request.clientOrderId);
  });

  it('fills a MARKET order at the configured price and reports it in our terms', async () => {
    h.fake.setMarketPrice(CE, 12_345);
    const request = order({ side: 'SELL', product: 'MIS' });
    const { brokerOrderId } = await h.client.placeOrder(request);
    const view = await h.client.orderByTag(request.clientOrderId);
    expect(view).toMatchObject({
      brokerOrderId,
      clientOrderId: request.clientOrderId,
      instrumentId: CE,
      side: 'SELL',
      type: 'MARKET',
      product: 'MIS',
      status: 'FILLED',
      venueStatus: 'COMPLETE',
      filledQuantity: 65,
      averagePrice: 12_345,
      price: null,
    });
    const trades = await h.client.orderTrades(brokerOrderId);
    expect(trades).toEqual([expect.objectContaining({ brokerOrderId, instrumentId: CE, side: 'SELL', product: 'MIS', quantity: 65, price: 12_345 })]);
    expect(trades[0]?.executedAt).toBeTypeOf('number');
  });

  it('keeps a LIMIT order open until it fills, walking Kite\'s order states', async () => {
    const request = order({ type: 'LIMIT', price: paise(11_000) });
    const { brokerOrderId } = await h.client.placeOrder(request);
    expect(h.fake.book.order(brokerOrderId)?.price).toBe(11_000);
    expect((await h.client.orderByTag(request.clientOrderId))?.status).toBe('OPEN');
    h.fake.book.fill(brokerOrderId);
    const history = await h.client.orderHistory(brokerOrderId);
    expect(history.map((step) => step.venueStatus)).toEqual(['PUT ORDER REQ RECEIVED', 'VALIDATION PENDING', 'OPEN PENDING', 'OPEN', 'COMPLETE']);
    expect(history.map((step) => step.status)).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN', 'FILLED']);
    expect(history.at(-1)).toMatchObject({ price: 11_000, averagePrice: 11_000, filledQuantity: 65 });
  });

  it('modifies and cancels a working order', async () => {
    const { brokerOrderId } = await h.client.placeOrder(order({ type: 'LIMIT', price: paise(10_000), quantity: 130 }));
    await expect(h.client.modifyOrder({ brokerOrderId, type: 'LIMIT', quantity: 65, price: paise(10_550), triggerPrice: null })).resolves.toEqual({ brokerOrderId });
    const history = await h.client.orderHistory(brokerOrderId);
    expect(history.slice(4).map((step) => step.venueStatus)).toEqual(['MODIFY VALIDATION PENDING', 'MODIFY PENDING', 'MODIFIED', 'OPEN']);
    expect(history.at(-1)).toMatchObject({ price: 10_550, quantity: 65, status: 'OPEN' });
    await expect(h.client.cancelOrder({ brokerOrderId })).resolves.toEqual({ brokerOrderId });
    const [cancelled] = await h.client.orders();
    expect(cancelled).toMatchObject({ status: 'CANCELED', venueStatus: 'CANCELLED', cancelledQuantity: 65 });
    await expect(h.client.cancelOrder({ brokerOrderId })).rejects.toMatchObject({ code: 'BROKER_ORDER_REJECTED' });
  });

  it('places an after-market order with the amo variety', async () => {
    const { brokerOrderId } = await h.client.placeOrder(order({ variety: 'amo', type: 'LIMIT', price: paise(9_000) }));
    expect(h.fake.book.order(brokerOrderId)?.variety).toBe('amo');
    const [view] = await h.client.orders();
    expect(view).toMatchObject({ variety: 'amo', venueStatus: 'AMO REQ RECEIVED', status: 'OPEN' });
    await h.client.cancelOrder({ brokerOrderId, variety: 'amo' });
    expect(h.fake.book.order(brokerOrderId)?.status).toBe('CANCELLED AMO');
    // Final, not working: reconciliation would otherwise keep a dead order live in the orderbook.
    const books = await h.client.books(ACCOUNT);
    expect(books.orders.find((snapshot) => snapshot.brokerOrderId === brokerOrderId)).toMatchObject({ status: 'CANCELED' });
  });

  it('reports a stop as trigger-pending, then triggered and filled when the market crosses it', async () => {
    h.fake.setMarketPrice(CE, 12_000);
    const { brokerOrderId } = await h.client.placeOrder(order({ type: 'SL_M', triggerPrice: paise(12_500) }));
    expect(h.fake.requests.at(-1)?.body).toMatchObject({ order_type: 'SL-M', trigger_price: '125.00' });
    expect(await h.client.orderByTag(clientOrderIdOfKiteTag(h.fake.book.order(brokerOrderId)!.tag)!)).toMatchObject({ status: 'TRIGGER_PENDING', triggered: false, triggerPrice: 12_500 });
    h.fake.setMarketPrice(CE, 12_600);
    const [view] = await h.client.orders();
    expect(view).toMatchObject({ status: 'FILLED', triggered: true, averagePrice: 12_600 });
  });

  it('surfaces an OrderException as BROKER_ORDER_REJECTED with Kite\'s message and raw payload; no order exists', async () => {
    h.fake.faults.rejectNextOrder('Markets are closed right now.');
    const error = await h.client.placeOrder(order()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BROKER_ORDER_REJECTED', message: 'The broker rejected the order: Markets are closed right now.' });
    expect(kiteErrorDetails(error)).toMatchObject({ outcome: 'refused', errorType: 'OrderException', httpStatus: 400, raw: { status: 'error', error_type: 'OrderException' } });
    expect(h.fake.book.orders).toHaveLength(0);
  });

  it('shows an RMS rejection after acceptance as a REJECTED order with the reason', async () => {
    h.fake.faults.rejectNextOrderAtRms('Insufficient funds. Required margin is 1000.00 but available margin is 10.00.');
    const request = order();
    await h.client.placeOrder(request);
    expect(await h.client.orderByTag(request.clientOrderId)).toMatchObject({
      status: 'REJECTED',
      reasonCode: 'BROKER_ORDER_REJECTED',
      reasonMessage: 'Insufficient funds. Required margin is 1000.00 but available margin is 10.00.',
    });
  });

  it('surfaces an InputException as BROKER_INPUT_REJECTED', async () => {
    await expect(h.client.placeOrder(order({ quantity: 50 }))).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED', message: expect.stringMatching(/lot size 65/) });
    await expect(h.client.orderHistory('999')).rejects.toMatchObject({ code: 'BROKER_INPUT_REJECTED' });
  });
});

describe('partial fills', () => {
  it('are visible as separate trades while the order stays open', async () => {
    h.fake.setMarketPrice(CE, 12_000);
    h.fake.faults.partialFillNext([65, 65]);
    const { brokerOrderId } = await h.client.placeOrder(order({ quantity: 195 }));
    expect(await h.client.orders()).toEqual([expect.objectContaining({ status: 'OPEN', filledQuantity: 130, pendingQuantity: 65 })]);
    const trades = await h.client.orderTrades(brokerOrderId);
    expect(trades.map((t) => t.quantity)).toEqual([65, 65]);
    expect(new Set(trades.map((t) => t.tradeId)).size).toBe(2);
    h.fake.book.fill(brokerOrderId, { price: 12_100 });
    const all = await h.client.trades();
    expect(all.map((t) => [t.quantity, t.price])).toEqual([
      [65, 12_000],
      [65, 12_000],
      [65, 12_100],
    ]);
    const [done] = await h.client.orders();
    expect(done).toMatchObject({ status: 'FILLED', filledQuantity: 195 });
    // Kite averages in floats (12033.33... paise): we round to the paisa.
    expect(done?.averagePrice).toBe(12_033);
  });
});

describe('books for reconciliation', () => {
  it("returns orders, trades and net positions in the Broker interface's shapes, and sets aside what is not ours", async () => {
    h.fake.setMarketPrice(CE, 12_000);
    const ours = order({ quantity: 130 });
    const { brokerOrderId } = await h.client.placeOrder(ours);
    // An order placed from Kite's own app: no tag.
    h.fake.book.place({ ...h.fake.book.order(brokerOrderId)!, tag: null, quantity: 65, transactionType: 'SELL' });
    const books = await h.client.books(ACCOUNT);
    expect(books.orders).toEqual([
      {
        accountId: ACCOUNT,
        clientOrderId: ours.clientOrderId,
        instrumentId: CE,
        side: 'BUY',
        type: 'MARKET',
        product: 'NRML',
        quantity: 130,
        price: null,
        triggerPrice: null,
        brokerOrderId,
        status: 'FILLED',
        filledQuantity: 130,
        triggered: false,
        reasonCode: null,
        reasonMessage: null,
      },
    ]);
    expect(books.trades).toEqual([expect.objectContaining({ accountId: ACCOUNT, clientOrderId: ours.clientOrderId, brokerOrderId, quantity: 130, price: 12_000 })]);
    expect(books.positions).toEqual([{ accountId: ACCOUNT, instrumentId: CE, product: 'NRML', netQuantity: 65 }]);
    expect(books.unmatched.orders).toEqual([expect.objectContaining({ clientOrderId: null, side: 'SELL' })]);
    expect(books.unmatched.trades).toHaveLength(1);
  });
});

describe('books with rows that do not read as documented', () => {
  /** Ours, plus one placed from Kite's own apps (no tag), both filled. */
  const placeOursAndForeign = async () => {
    h.fake.setMarketPrice(CE, 12_000);
    const ours = order();
    const { brokerOrderId } = await h.client.placeOrder(ours);
    const foreign = h.fake.book.place({ ...h.fake.book.order(brokerOrderId)!, tag: null, transactionType: 'SELL' });
    return { ours, brokerOrderId, foreignId: foreign.orderId };
  };

  it('reads what Kite can write differently: null amounts, numbers as text', async () => {
    const { ours, brokerOrderId } = await placeOursAndForeign();
    h.fake.faults.rewriteBookRows((row, book) =>
      book === 'orders'
        ? { ...row, average_price: null, price: null, quantity: String(row['quantity']), filled_quantity: String(row['filled_quantity']) }
        : { ...row, average_price: String(row['average_price']), quantity: String(row['quantity']) },
    );
    const books = await h.client.books(ACCOUNT);
    expect(books.orders).toEqual([expect.objectContaining({ clientOrderId: ours.clientOrderId, quantity: 65, filledQuantity: 65 })]);
    expect(books.trades).toEqual([expect.objectContaining({ brokerOrderId, quantity: 65, price: 12_000 })]);
    expect(books.unmatched.unreadable).toEqual([]);
  });

  it('sets aside a row it cannot read and reports the rest: one odd order does not hide every other', async () => {
    const { ours, brokerOrderId, foreignId } = await placeOursAndForeign();
    // An order of Kite's own apps with a transaction type we do not know, and its trade without a price.
    h.fake.faults.rewriteBookRows((row, book) =>
      row['order_id'] !== foreignId ? row : book === 'orders' ? { ...row, transaction_type: 'BUY_TO_COVER' } : { ...row, average_price: null },
    );
    const book = await h.client.orderBook();
    expect(book.rows.map((view) => view.brokerOrderId)).toEqual([brokerOrderId]);
    expect(book.unreadable).toEqual([expect.objectContaining({ orderId: foreignId, tag: null, problem: expect.stringMatching(/transaction_type/) })]);
    const books = await h.client.books(ACCOUNT);
    expect(books.orders).toEqual([expect.objectContaining({ clientOrderId: ours.clientOrderId, status: 'FILLED' })]);
    expect(books.trades).toEqual([expect.objectContaining({ brokerOrderId })]);
    expect(books.unmatched.unreadable.map((row) => row.orderId)).toEqual([foreignId, foreignId]);
    expect(await h.client.orderByTag(ours.clientOrderId)).toMatchObject({ brokerOrderId });
  });

  it('never reads an unreadable row of one of our orders as "not in the book": the look-up and the books fail, naming the tag', async () => {
    const { ours } = await placeOursAndForeign();
    h.fake.faults.rewriteBookRows((row, book) => (book === 'orders' && row['tag'] === kiteTagOf(ours.clientOrderId) ? { ...row, status: null } : row));
    const lookUp = await h.client.ordersByTag(ours.clientOrderId).catch((e: unknown) => e);
    expect(lookUp).toMatchObject({ code: 'BROKER_BAD_RESPONSE', details: { brokerMessage: expect.stringContaining(ours.clientOrderId) } });
    expect(kiteErrorDetails(lookUp)?.outcome).toBe('unknown');
    await expect(h.client.books(ACCOUNT)).rejects.toMatchObject({ code: 'BROKER_BAD_RESPONSE', details: { brokerMessage: expect.stringContaining(`tag ${kiteTagOf(ours.clientOrderId)} (${ours.clientOrderId})`) } });
  });

  it('fails the books when a trade of one of our orders cannot be read (its fill would be missing from them)', async () => {
    const { brokerOrderId } = await placeOursAndForeign();
    h.fake.faults.rewriteBookRows((row, book) => (book === 'trades' && row['order_id'] === brokerOrderId ? { ...row, quantity: 'sixty-five' } : row));
    await expect(h.client.books(ACCOUNT)).rejects.toMatchObject({ code: 'BROKER_BAD_RESPONSE', details: { brokerMessage: expect.stringContaining(`order ${brokerOrderId}`) } });
  });
});
