import { afterEach, describe, expect, it } from 'vitest';
import { paise, type Order, type PlaceOrderInput } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { BrokerCancelRequest, BrokerOrderRequest } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { acceptRequest, submitToScripted } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, createTestDatabase, ManualClock, restingBuyPrice, startTestEngine, TEST_START, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A venue that refuses every cancel at once (Kite: "being processed"). */
class RefusingBroker extends ScriptedBroker {
  override cancelOrder(request: BrokerCancelRequest): void {
    super.cancelOrder(request);
    queueMicrotask(() => this.emit({ kind: 'cancelRejected', accountId: request.accountId, clientOrderId: request.clientOrderId, reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: 'Order cannot be cancelled as it is being processed. Try later.' }));
  }
}

async function setup(broker: ScriptedBroker) {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const engine: RunningEngine = await startTestEngine(database, clock, { createBroker: () => broker, reconciler: { confirmAfterMs: 10 } });
  cleanups.push(() => engine.close());
  return { engine, clock };
}

async function accepted(engine: RunningEngine, broker: ScriptedBroker, spec?: Partial<PlaceOrderInput>): Promise<{ order: Order; request: BrokerOrderRequest }> {
  const future = engine.services.catalog.chains[0]!.future;
  const { submitted, request } = await submitToScripted(engine, broker, { order: { type: 'LIMIT', price: restingBuyPrice(engine, future.id), ...spec } });
  acceptRequest(broker, request);
  const order = await submitted;
  expect(order.brokerOrderId).not.toBeNull();
  return { order, request };
}

describe('a cancel the broker refuses, while the account is being taken out', () => {
  it('under an engaged kill switch is sent again by the sweep until the broker takes it', async () => {
    const broker = new ScriptedBroker();
    const { engine } = await setup(broker);
    const { order, request } = await accepted(engine, broker);
    await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'stop', flatten: false } });
    expect(broker.canceled).toHaveLength(1);
    broker.emit({ kind: 'cancelRejected', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: 'Order cannot be cancelled as it is being processed. Try later.' });
    await waitUntil(() => engine.services.state.order(order.orderId)?.status === 'OPEN', { message: 'refusal journaled' });
    expect(await engine.services.killSwitch.sweep()).toBe(1);
    expect(broker.canceled).toHaveLength(2);
    expect(engine.services.state.order(order.orderId)?.status).toBe('PENDING_CANCEL');
    // Pending cancel again: the sweep leaves it to reconciliation (which re-sends a lost answer).
    expect(await engine.services.killSwitch.sweep()).toBe(0);
    broker.emit({ kind: 'canceled', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, brokerOrderId: `X-${request.clientOrderId}` });
    await waitUntil(() => engine.services.state.order(order.orderId)?.status === 'CANCELED', { message: 'cancelled at last' });
  });

  it('while flattening is asked again at most every 250 ms, not once per refusal', async () => {
    const broker = new RefusingBroker();
    const { engine } = await setup(broker);
    const { order } = await accepted(engine, broker);
    const started = Date.now();
    await engine.services.orders.flatten({ accountId: ACCOUNT_A, userId: USER_A, origin: 'KILL_SWITCH', settleMs: 600 });
    expect(Date.now() - started).toBeLessThan(1_500);
    // Rounds at 0, 250 and 500 ms (a tight loop sent hundreds).
    expect(broker.canceled.length).toBeGreaterThanOrEqual(2);
    expect(broker.canceled.length).toBeLessThanOrEqual(4);
    expect(engine.services.state.order(order.orderId)).toMatchObject({ status: 'OPEN', reasonMessage: 'Order cannot be cancelled as it is being processed. Try later.' });
  });
});

it('a stop that triggered while its cancel was pending comes back from the refusal triggered (OPEN)', async () => {
  const broker = new ScriptedBroker();
  const { engine } = await setup(broker);
  const future = engine.services.catalog.chains[0]!.future;
  const last = engine.services.market.latest(future.id)!.lastPrice;
  const tick = future.tickSize;
  const trigger = paise(Math.ceil((last * 1.02) / tick) * tick);
  const { order, request } = await accepted(engine, broker, { type: 'SL', price: paise(trigger + 10 * tick), triggerPrice: trigger });
  expect(order.status).toBe('TRIGGER_PENDING');
  const answer = engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
  await waitUntil(() => broker.canceled[0], { message: 'cancel sent' });
  // Kite: the stop triggered just as the cancel arrived, so the cancel is refused ("being processed").
  broker.emit({ kind: 'triggered', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, brokerOrderId: `X-${request.clientOrderId}` });
  broker.emit({ kind: 'cancelRejected', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: 'Order cannot be cancelled as it is being processed.' });
  const after = await answer;
  expect({ status: after.status, triggered: after.triggeredAt !== null }).toEqual({ status: 'OPEN', triggered: true });
});

it('a refused cancel answers the cancel; the modify still owed waits on for its own answer', async () => {
  const broker = new ScriptedBroker();
  const { engine } = await setup(broker);
  const lot = engine.services.catalog.chains[0]!.future.lotSize;
  const { order, request } = await accepted(engine, broker);
  const modify = engine.services.orders.modify({ accountId: ACCOUNT_A, userId: USER_A, modify: { orderId: order.orderId, quantity: 2 * lot } });
  const modifyRequest = await waitUntil(() => broker.modified[0], { message: 'modify sent' });
  let modifyAnswered = false;
  void modify.then(() => (modifyAnswered = true));
  const cancel = engine.services.orders.cancel({ accountId: ACCOUNT_A, userId: USER_A, cancel: { orderId: order.orderId } });
  await waitUntil(() => broker.canceled[0], { message: 'cancel sent' });
  const refusedAt = performance.now();
  broker.emit({ kind: 'cancelRejected', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, reasonCode: 'BROKER_ORDER_REJECTED', reasonMessage: 'Order cannot be cancelled as it is being processed.' });
  expect((await cancel).status).toBe('PENDING_MODIFY');
  expect(performance.now() - refusedAt).toBeLessThan(1_000); // answered by the refusal, not the 1.5 s timeout
  await new Promise((resolve) => setTimeout(resolve, 100)); // well inside the 1.5 s the modify may wait
  expect(modifyAnswered).toBe(false);
  const { type, price, triggerPrice } = modifyRequest;
  broker.emit({ kind: 'modified', accountId: ACCOUNT_A, clientOrderId: request.clientOrderId, brokerOrderId: `X-${request.clientOrderId}`, type, quantity: 2 * lot, price, triggerPrice });
  const modified = await modify;
  expect([modified.status, modified.quantity]).toEqual(['OPEN', 2 * lot]);
});
