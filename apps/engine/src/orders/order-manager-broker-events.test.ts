import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asTradeId, DomainError, paise, type Order } from '@strikedesk/domain';
import { createJournal, createPool } from '@strikedesk/db/client';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { BrokerEvent } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { agreeingBooks } from '../testing/agreeing-books.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { ACCOUNT_A, ManualClock, TEST_START, USER_A, createTestDatabase, restingBuyPrice, startTestEngine } from '../testing/test-engine.ts';
import { waitUntil } from '@strikedesk/domain/testing';

let database: TestDatabase;
let engine: RunningEngine;
const broker = new ScriptedBroker();
const clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock, { createBroker: () => broker });
});
afterAll(async () => {
  await engine?.close();
  await database?.drop();
});

const orderOf = (orderId: string): Order | undefined => engine.services.orders.listOrders(ACCOUNT_A).find((o) => o.orderId === orderId);

/** Submits a resting 650-quantity buy on the call at `strike` and waits until the broker has its request. */
async function placedLimit(strike: number) {
  const call = engine.services.catalog.chains[0]?.expiries[0]?.strikes[strike]?.call;
  if (!call) throw new Error('no option');
  const placedBefore = broker.placed.length;
  const submitted = engine.services.orders.submit({
    accountId: ACCOUNT_A,
    userId: USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: call.id, side: 'BUY', type: 'LIMIT', product: 'NRML', quantity: 650, price: restingBuyPrice(engine, call.id), triggerPrice: null },
  });
  const request = await waitUntil(() => broker.placed[placedBefore], { message: 'a placed order' });
  return { submitted, request };
}

async function acceptedLimit(strike = 40): Promise<Order> {
  const { submitted, request } = await placedLimit(strike);
  broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${request.clientOrderId}` });
  const order = await submitted;
  expect(order.status).toBe('OPEN');
  return order;
}

describe('OrderManager with broker events the paper venue never sends', () => {
  it('applies partial fills, deduplicates a resent fill by trade id, and refuses a modify below the filled quantity', async () => {
    const order = await acceptedLimit();
    const fill = { kind: 'filled' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, quantity: 260, price: paise(1_000), executedAt: TEST_START };
    broker.emit({ ...fill, tradeId: asTradeId('T-1') });
    broker.emit({ ...fill, tradeId: asTradeId('T-1') }); // the venue resends after a reconnect
    // Broker events of an account are handled in order, so once T-2 is in, the resent T-1 was seen.
    broker.emit({ ...fill, quantity: 130, tradeId: asTradeId('T-2') });
    await waitUntil(() => orderOf(order.orderId)?.filledValue === 390 * 1_000, { message: 'second fill' });
    expect(orderOf(order.orderId)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 390 });
    expect(engine.services.orders.listPositions(ACCOUNT_A)[0]?.netQuantity).toBe(390);

    const error = await engine.services.orders
      .modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 390 } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MODIFY_BELOW_FILLED');
    // In lots, as the trader sized it (a NIFTY lot is 65).
    expect((error as DomainError).message).toBe('6 lots (390 units) asked; the quantity must be above the 6 lots (390 units) already filled.');
  });

  it('returns the in-flight order when the broker does not answer in time, and settles it later', async () => {
    const order = await acceptedLimit();
    const pending = await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
    expect(pending.status).toBe('PENDING_CANCEL'); // never guessed as cancelled
    expect(broker.canceled.at(-1)?.clientOrderId).toBe(order.clientOrderId);
    broker.emit({ kind: 'canceled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}` });
    await waitUntil(() => orderOf(order.orderId)?.status === 'CANCELED', { message: 'cancel ack' });
  });

  it('ignores an event that is illegal in the current status instead of journaling it', async () => {
    const order = await acceptedLimit();
    const before = engine.services.lastSeq();
    broker.emit({ kind: 'modified', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'x', type: 'LIMIT', quantity: 65, price: paise(5), triggerPrice: null });
    broker.emit({ kind: 'canceled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'x' });
    await waitUntil(() => orderOf(order.orderId)?.status === 'CANCELED', { message: 'cancel' });
    expect(engine.services.lastSeq()).toBe(before + 1); // only the cancel was journaled
  });

  it('refuses a malformed fill (negative or fractional quantity, no price) and goes on with the next one', async () => {
    const order = await acceptedLimit(42);
    const positionBefore = engine.services.state.positionsOf(ACCOUNT_A).find((position) => position.instrumentId === order.instrumentId)?.netQuantity ?? 0;
    const before = engine.services.lastSeq();
    const fill = { kind: 'filled' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, executedAt: TEST_START };
    broker.emit({ ...fill, tradeId: asTradeId('T-bad-1'), quantity: -65, price: paise(1_000) });
    broker.emit({ ...fill, tradeId: asTradeId('T-bad-2'), quantity: 32.5, price: paise(1_000) });
    broker.emit({ ...fill, tradeId: asTradeId('T-bad-3'), quantity: 65, price: paise(0) });
    broker.emit({ ...fill, tradeId: asTradeId('T-good'), quantity: 65, price: paise(1_000) });
    await waitUntil(() => orderOf(order.orderId)?.filledQuantity === 65 || undefined, { message: 'the good fill' });
    expect(engine.services.lastSeq()).toBe(before + 1); // only the good fill was journaled
    expect(orderOf(order.orderId)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 65, filledValue: 65 * 1_000 });
    expect(engine.services.state.positionsOf(ACCOUNT_A).find((position) => position.instrumentId === order.instrumentId)?.netQuantity).toBe(positionBefore + 65);
  });

  it('sets aside a broker event it cannot fold, with the events that arrived with it journaled and the account still trading', async () => {
    const order = await acceptedLimit(44);
    const fill = { kind: 'filled' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, executedAt: TEST_START, price: paise(1_000) };
    // A message no adapter should produce (a bug upstream): it decides the same way on every retry.
    broker.emit({ kind: 'partiallyCancelled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A } as unknown as BrokerEvent);
    broker.emit({ ...fill, tradeId: asTradeId('T-after-1'), quantity: 65 });
    await waitUntil(() => orderOf(order.orderId)?.filledQuantity === 65 || undefined, { message: 'the fill that arrived with it' });
    broker.emit({ ...fill, tradeId: asTradeId('T-after-2'), quantity: 65 });
    await waitUntil(() => orderOf(order.orderId)?.filledQuantity === 130 || undefined, { message: 'a later fill' });
    const canceling = await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
    expect(canceling.status).toBe('PENDING_CANCEL'); // commands of the account are not stuck behind it
  });

  it('journals events that arrive together in one commit, each decided after the ones before it (accepted → triggered → filled)', async () => {
    const call = engine.services.catalog.chains[0]?.expiries[0]?.strikes[40]?.call;
    if (!call) throw new Error('no option');
    const placedBefore = broker.placed.length;
    const before = engine.services.lastSeq();
    const trigger = restingBuyPrice(engine, call.id);
    const submitted = engine.services.orders.submit({
      accountId: ACCOUNT_A,
      userId: USER_A,
      origin: 'TERMINAL',
      order: { instrumentId: call.id, side: 'SELL', type: 'SL_M', product: 'NRML', quantity: 65, price: null, triggerPrice: trigger },
    });
    const request = await waitUntil(() => broker.placed[placedBefore], { message: 'placed' });
    const ref = { clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'X-SLM' };
    broker.emit({ kind: 'accepted', ...ref });
    broker.emit({ kind: 'triggered', ...ref });
    broker.emit({ kind: 'filled', ...ref, tradeId: asTradeId('T-SLM'), quantity: 65, price: trigger, executedAt: TEST_START });
    const order = await submitted;
    await waitUntil(() => orderOf(order.orderId)?.status === 'FILLED', { message: 'filled' });
    expect(orderOf(order.orderId)?.triggeredAt).not.toBeNull();
    // The submit, then the three answers in one commit.
    expect(engine.services.lastSeq()).toBe(before + 4);
  });

  it('takes the accept that arrives after a first fill, so the order can still be cancelled', async () => {
    const { submitted, request } = await placedLimit(41);
    // A fast venue: part of the order trades before its acknowledgement is sent.
    broker.emit({ kind: 'filled', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'FAST-1', tradeId: asTradeId('T-FAST-1'), quantity: 130, price: paise(1_000), executedAt: TEST_START });
    broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: 'FAST-1' });
    const order = await submitted;
    await waitUntil(() => orderOf(order.orderId)?.brokerOrderId === 'FAST-1', { message: 'the broker id recorded' });
    expect(orderOf(order.orderId)).toMatchObject({ status: 'PARTIALLY_FILLED', filledQuantity: 130 });
    const pending = await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
    expect(pending.status).toBe('PENDING_CANCEL');
    expect(broker.canceled.at(-1)).toMatchObject({ clientOrderId: order.clientOrderId, brokerOrderId: 'FAST-1' });
  });

  it('keeps the fills of a modify that crossed a cancel request: modify up, cancel at once, then the modify and its fills arrive', async () => {
    const order = await acceptedLimit();
    const brokerOrderId = `X-${order.clientOrderId}`;
    const positionBefore = engine.services.orders.listPositions(ACCOUNT_A).find((p) => p.instrumentId === order.instrumentId)?.netQuantity ?? 0;
    await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 1_300 } });
    await engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
    const { type, price, triggerPrice } = order;
    broker.emit({ kind: 'modified', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, type, quantity: 1_300, price, triggerPrice });
    broker.emit({ kind: 'filled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, tradeId: asTradeId('T-MOD-1'), quantity: 1_300, price: paise(1_000), executedAt: TEST_START });
    await waitUntil(() => orderOf(order.orderId)?.status === 'FILLED', { message: 'the modified quantity filled' });
    expect(orderOf(order.orderId)).toMatchObject({ quantity: 1_300, filledQuantity: 1_300 });
    const positionAfter = engine.services.orders.listPositions(ACCOUNT_A).find((p) => p.instrumentId === order.instrumentId)?.netQuantity ?? 0;
    expect(positionAfter - positionBefore).toBe(1_300);
  });
  it('a modify up answered after its first fills finished the order does not re-open it on the answer alone (reconciliation reads the book)', async () => {
    clock.advance(1_000);
    const order = await acceptedLimit(41);
    const brokerOrderId = `X-${order.clientOrderId}`;
    await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 1_300 } });
    broker.emit({ kind: 'filled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, tradeId: asTradeId('T-UP-1'), quantity: 650, price: paise(1_000), executedAt: TEST_START });
    await waitUntil(() => orderOf(order.orderId)?.status === 'FILLED', { message: 'the old quantity filled first' });
    const seqBefore = engine.services.state.lastSeq;
    const { type, price, triggerPrice } = order;
    // The exchange may have refused the modify (the order had completed): the answer alone proves nothing.
    broker.emit({ kind: 'modified', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, type, quantity: 1_300, price, triggerPrice });
    broker.emit({ kind: 'accepted', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId }); // a marker behind it: no news either
    await waitUntil(() => engine.services.orders.pendingBrokerEvents === 0 || undefined, { message: 'both events handled' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(orderOf(order.orderId)).toMatchObject({ status: 'FILLED', quantity: 650, filledQuantity: 650 });
    expect(engine.services.state.lastSeq).toBe(seqBefore);
  });

  it('a modify the broker answers below what is already filled is not taken (reconciliation settles the modify)', async () => {
    clock.advance(1_000);
    const order = await acceptedLimit(42);
    const brokerOrderId = `X-${order.clientOrderId}`;
    broker.emit({ kind: 'filled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, tradeId: asTradeId('T-LOW-1'), quantity: 390, price: paise(1_000), executedAt: TEST_START });
    await waitUntil(() => orderOf(order.orderId)?.filledQuantity === 390, { message: 'part filled' });
    await engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 455 } });
    const { type, price, triggerPrice } = order;
    broker.emit({ kind: 'modified', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, type, quantity: 325, price, triggerPrice });
    broker.emit({ kind: 'filled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId, tradeId: asTradeId('T-LOW-2'), quantity: 65, price: paise(1_000), executedAt: TEST_START });
    await waitUntil(() => orderOf(order.orderId)?.filledQuantity === 455, { message: 'the fill behind the bad answer' });
    expect(orderOf(order.orderId)).toMatchObject({ status: 'PENDING_MODIFY', quantity: 650 });
  });

  describe('a cancel the broker refuses', () => {
    // Each test sends several order messages: out of the last test's order-rate window.
    beforeEach(() => clock.advance(1_000));
    const refusal = { reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: 'Order cannot be cancelled as it is being processed. Try later.' };
    const refuseCancel = (order: Order) => broker.emit({ kind: 'cancelRejected', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, ...refusal });
    const requestCancel = async (order: Order) => {
      const sentBefore = broker.canceled.length;
      const answer = engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
      await waitUntil(() => broker.canceled[sentBefore], { message: 'the cancel reached the broker' });
      return { answer };
    };

    it('leaves the order working with the broker\'s reason, as the cancel\'s answer; a second cancel goes through', async () => {
      const order = await acceptedLimit(42);
      const { answer } = await requestCancel(order);
      refuseCancel(order);
      expect(await answer).toMatchObject({ status: 'OPEN', ...refusal });
      const { answer: again } = await requestCancel(order);
      broker.emit({ kind: 'canceled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}` });
      expect(await again).toMatchObject({ status: 'CANCELED' });
    });

    it('returns an order whose modify is unanswered to PENDING_MODIFY, and the modify then lands; together, they leave it OPEN', async () => {
      const order = await acceptedLimit(43);
      const { type, price, triggerPrice } = order;
      const modified = { kind: 'modified' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, type, price, triggerPrice };
      void engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 1_300 } });
      await waitUntil(() => orderOf(order.orderId)?.status === 'PENDING_MODIFY', { message: 'modify requested' });
      const { answer } = await requestCancel(order);
      refuseCancel(order);
      expect(await answer).toMatchObject({ status: 'PENDING_MODIFY', ...refusal });
      broker.emit({ ...modified, quantity: 1_300 });
      await waitUntil(() => orderOf(order.orderId)?.status === 'OPEN', { message: 'the modify answered' });
      expect(orderOf(order.orderId)?.quantity).toBe(1_300);

      // The modify's answer and the refusal arriving together (one commit): nothing is left pending.
      void engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 1_625 } });
      await waitUntil(() => orderOf(order.orderId)?.status === 'PENDING_MODIFY', { message: 'second modify requested' });
      const { answer: second } = await requestCancel(order);
      broker.emit({ ...modified, quantity: 1_625 });
      refuseCancel(order);
      expect(await second).toMatchObject({ status: 'OPEN', quantity: 1_625 });
    });

    it('after the order filled is no news: the fill settled it', async () => {
      const order = await acceptedLimit(44);
      const { answer } = await requestCancel(order);
      broker.emit({ kind: 'filled', clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, tradeId: asTradeId(`T-${order.clientOrderId}`), quantity: order.quantity, price: paise(1_000), executedAt: TEST_START });
      refuseCancel(order);
      expect(await answer).toMatchObject({ status: 'FILLED', reasonCode: null });
      const pool = createPool(database.url);
      try {
        const journaled = await createJournal(pool).readOrders([order.orderId], Number.MAX_SAFE_INTEGER);
        expect(journaled.map((record) => record.event.type)).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderCancelRequested', 'OrderFilled']);
      } finally {
        await pool.end();
      }
    });
  });
});

describe('fills deduplicated by trade id within their order', () => {
  it("takes a fill whose trade id another of the account's orders already used (exchanges number trades per segment and day), live and from the books", async () => {
    const first = await acceptedLimit(41);
    const second = await acceptedLimit(42);
    const third = await acceptedLimit(43);
    const fill = (order: Order) => ({ kind: 'filled' as const, clientOrderId: order.clientOrderId, accountId: ACCOUNT_A, brokerOrderId: `X-${order.clientOrderId}`, quantity: 650, price: paise(1_000), executedAt: TEST_START, tradeId: asTradeId('70000123') });
    broker.emit(fill(first)); // an NFO trade
    broker.emit(fill(second)); // a BFO trade, or another day's, with the same number
    await waitUntil(() => (orderOf(second.orderId)?.status === 'FILLED' ? true : undefined), { message: 'second filled' });
    expect(orderOf(first.orderId)?.status).toBe('FILLED');

    // The third's fill reaches the engine only through the broker's books.
    const { orderId, clientOrderId, instrumentId } = third;
    const books = broker.booksSource;
    broker.booksSource = () => {
      const agreeing = agreeingBooks(engine.services.state);
      return {
        orders: agreeing.orders.map((each) => (each.clientOrderId === clientOrderId ? { ...each, status: 'FILLED' as const, filledQuantity: 650 } : each)),
        trades: [{ accountId: ACCOUNT_A, clientOrderId, brokerOrderId: `X-${clientOrderId}`, tradeId: asTradeId('70000123'), instrumentId, side: 'BUY', product: 'NRML', quantity: 650, price: paise(1_000), executedAt: TEST_START }],
        positions: [...agreeing.positions, { accountId: ACCOUNT_A, instrumentId, product: 'NRML', netQuantity: 650 }],
      };
    };
    try {
      await engine.services.reconciler.run(false);
    } finally {
      broker.booksSource = books;
    }
    expect(orderOf(orderId)).toMatchObject({ status: 'FILLED', filledQuantity: 650 });
    expect(engine.services.halts.active(ACCOUNT_A)).toEqual([]);
  });
});
