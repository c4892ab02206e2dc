import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { createLiveStrategy, postAlert, processedSignal } from '../testing/webhook-fixtures.ts';

// Alerts PostgreSQL cannot store as received, or the parser cannot read, must still be answered
// 2xx/4xx and recorded: a 5xx makes TradingView resend the same bytes, which fail the same way,
// and the alert never shows up in Signals.
let stack: TestStack;
let trader: GatewayClient;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'tv-unusual', 'trader');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const JSON_TYPE = { contentType: 'application/json' };

describe('TradingView webhook: alerts with unusual text', () => {
  it('a comment cut at 200 characters in the middle of an emoji is stored and traded', async () => {
    const { url } = await createLiveStrategy(trader, stack.gateway.url);
    const reply = await postAlert(url, { alert_id: 'emoji-1', action: 'buy', contracts: 1, comment: `${'x'.repeat(199)}🚀 breakout` });
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect((await processedSignal(trader, reply.body['signalId'])).status).toBe('EXECUTED');
  });

  it.each([
    ['a \\u0000 escape in a JSON string', '{"action": "buy", "alert_id": "nul-1", "comment": "a\\u0000b"}', 'application/json'],
    ['a raw NUL byte in a plain-text alert', 'buy 1 id=nul-2 note=a\u0000b', 'text/plain'],
    ['an unpaired surrogate escape', '{"action": "buy", "alert_id": "sur-1", "comment": "a\\ud800b"}', 'application/json'],
  ])('%s is stored and accepted, not answered 5xx', async (_name, body, contentType) => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const reply = await postAlert(url, body, { contentType });
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const [logged] = await trader.trpc.signals.list.query({ strategyId: strategy.id });
    expect(logged).toMatchObject({ id: reply.body['signalId'] });
    expect(logged!.body).not.toContain('\u0000');
  });

  it('a raw NUL inside a JSON body is refused as malformed and recorded', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const reply = await postAlert(url, '{"action": "buy", "comment": "a\u0000b"}', JSON_TYPE);
    expect(reply).toMatchObject({ status: 400, body: { error: 'WEBHOOK_MALFORMED_BODY' } });
    const [logged] = await trader.trpc.signals.list.query({ strategyId: strategy.id });
    expect(logged).toMatchObject({ id: reply.body['signalId'], status: 'REJECTED', reasonCode: 'WEBHOOK_MALFORMED_BODY' });
  });

  it('a field of JSON nested thousands deep (within 16 KB) is stored as a placeholder, and the alert is accepted and recorded', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const depth = 7_000;
    const reply = await postAlert(url, `{"action": "buy", "comment": ${'['.repeat(depth)}${']'.repeat(depth)}}`, JSON_TYPE);
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const [logged] = await trader.trpc.signals.list.query({ strategyId: strategy.id });
    expect(logged).toMatchObject({ id: reply.body['signalId'] });
  });
});
