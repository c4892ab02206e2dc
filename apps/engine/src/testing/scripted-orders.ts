import { asTradeId, paise, type AccountId, type Order, type PlaceOrderInput, type UserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { BrokerOrderRequest } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import type { ScriptedBroker } from './scripted-broker.ts';
import { ACCOUNT_A, TEST_START, USER_A } from './test-engine.ts';

/** The broker order id a scripted broker gives a request. */
export const scriptedBrokerOrderId = (request: BrokerOrderRequest): string => `X-${request.clientOrderId}`;

/** The scripted broker accepts the request. */
export function acceptRequest(broker: ScriptedBroker, request: BrokerOrderRequest): void {
  broker.emit({ kind: 'accepted', clientOrderId: request.clientOrderId, accountId: request.accountId, brokerOrderId: scriptedBrokerOrderId(request) });
}

/**
 * Submits an order on the first chain's future (a terminal order of account A unless told
 * otherwise; `order` overrides the fields given) and waits until the scripted broker has the
 * request. The submit's answer waits for the broker, so it is returned unawaited.
 */
export async function submitToScripted(
  engine: RunningEngine,
  broker: ScriptedBroker,
  args: { accountId?: AccountId; userId?: UserId; order: Partial<PlaceOrderInput> },
): Promise<{ submitted: Promise<Order>; request: BrokerOrderRequest }> {
  const future = engine.services.catalog.chains[0]!.future;
  const before = broker.placed.length;
  const submitted = engine.services.orders.submit({
    accountId: args.accountId ?? ACCOUNT_A,
    userId: args.userId ?? USER_A,
    origin: 'TERMINAL',
    order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, price: null, triggerPrice: null, ...args.order } as PlaceOrderInput,
  });
  const request = await waitUntil(() => broker.placed[before], { message: 'the broker has the order' });
  return { submitted, request };
}

/** The scripted broker fills `quantity` of the request (at ₹26,000 on the test day; trade id from the order and quantity). */
export function fillRequest(broker: ScriptedBroker, request: BrokerOrderRequest, quantity: number): void {
  broker.emit({
    kind: 'filled',
    clientOrderId: request.clientOrderId,
    accountId: request.accountId,
    brokerOrderId: scriptedBrokerOrderId(request),
    tradeId: asTradeId(`T-${request.clientOrderId}-${quantity}`),
    quantity,
    price: paise(2_600_000),
    executedAt: TEST_START,
  });
}

/**
 * Places an order (2 lots of the first chain's future unless `spec` says otherwise) that the
 * scripted broker accepts and fills `filled` of; returns the order once the engine has both answers.
 */
export async function placeAnswered(engine: RunningEngine, broker: ScriptedBroker, account = ACCOUNT_A, user = USER_A, spec: Partial<PlaceOrderInput> = {}, filled = 0): Promise<Order> {
  const lot = engine.services.catalog.chains[0]!.future.lotSize;
  const { submitted, request } = await submitToScripted(engine, broker, { accountId: account, userId: user, order: { quantity: 2 * lot, ...spec } });
  acceptRequest(broker, request);
  if (filled > 0) fillRequest(broker, request, filled);
  const { orderId } = await submitted;
  await waitUntil(() => (engine.services.state.order(orderId)?.filledQuantity === filled ? true : undefined), { message: 'answered' });
  return engine.services.state.order(orderId)!;
}
