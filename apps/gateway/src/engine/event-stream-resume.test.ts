import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { EngineEventEnvelope } from '@strikedesk/domain';
import type { IdentityUser } from '@strikedesk/db/identity';
import { loginAs } from '../testing/gateway-client.ts';
import { pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { waitUntil } from '@strikedesk/domain/testing';
import { createEngineConnection, type EngineConnection } from './engine-connection.ts';

let stack: TestStack;
let trader: IdentityUser;
let option: TradableOption;
// A second, independent engine client: it keeps producing events while the gateway's own
// connection is down, which is exactly what the resume must recover.
let producer: EngineConnection;
let clientOrderCounter = 0;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await createTestUser(stack.gateway.identity, 'trader1', 'trader');
  const client = stack.client();
  await loginAs(client, 'trader1', TEST_PASSWORD);
  option = await pickTradableOption(client);
  const engine = stack.engine;
  if (!engine) throw new Error('engine expected');
  producer = createEngineConnection({ url: engine.url, token: engine.token, logger: pino({ level: 'silent' }) });
  await waitUntil(() => producer.isConnected(), { message: 'producer connected' });
});
afterAll(async () => {
  await producer?.close();
  await stack?.close();
});

async function produce(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    clientOrderCounter += 1;
    await producer.client.orders.submit.mutate({
      accountId: trader.accountId,
      userId: trader.userId,
      order: restingBuy(option, `resume-${clientOrderCounter}`),
    });
  }
}

const engineLastSeq = async () => (await producer.client.health.ping.query()).lastSeq;

describe('gateway ↔ engine event stream', () => {
  it('resumes after connection drops with no gap and no duplicate', async () => {
    const { engine: gatewayEngine } = stack.gateway;
    await waitUntil(() => gatewayEngine.events.lastSeq() !== null, { message: 'stream has a resume point' });
    const received: number[] = [];
    const stopListening = gatewayEngine.events.onEnvelope((envelope: EngineEventEnvelope) => received.push(envelope.seq));
    const startSeq = gatewayEngine.events.lastSeq() ?? 0;

    await produce(3);
    await waitUntil(async () => gatewayEngine.events.lastSeq() === (await engineLastSeq()), { message: 'caught up live' });

    for (let round = 0; round < 3; round += 1) {
      gatewayEngine.dropConnection();
      await waitUntil(() => !gatewayEngine.isConnected(), { message: 'gateway noticed the drop' });
      // Produced while the gateway is disconnected: only the resume can deliver these.
      await produce(4);
      await waitUntil(() => gatewayEngine.isConnected(), { timeoutMs: 15_000, message: 'gateway reconnected' });
      await produce(2);
    }

    const finalSeq = await engineLastSeq();
    await waitUntil(() => gatewayEngine.events.lastSeq() === finalSeq, { timeoutMs: 15_000, message: 'caught up after drops' });
    stopListening();

    expect(received.length).toBeGreaterThanOrEqual(3 + 3 * 6);
    const expected = Array.from({ length: finalSeq - startSeq }, (_, index) => startSeq + 1 + index);
    expect(received).toEqual(expected);
  });
});
