import type { AccountId, Order, PlaceOrderInput, UserId } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { BrokerOrderRequest } from '../brokers/broker.ts';
import type { RunningEngine } from '../engine.ts';
import type { ScriptedBroker } from './scripted-broker.ts';
import { ACCOUNT_A, USER_A } from './test-engine.ts';

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
