import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountId, BrokerAccount, TradingAccount } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { pickTradableOption, restingBuy } from '../testing/market-fixtures.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// "Connect Zerodha" end to end against the real engine: a simulated Zerodha account is served by the
// engine's Kite fake, whose login page sends the browser straight back (as Kite does after a login),
// and whose order updates come to the gateway as real, signed postbacks.
const MASTER_KEYS = `k1:${randomBytes(32).toString('base64')}`;
let stack: TestStack;
let admin: GatewayClient;
let trader: GatewayClient;
let simulated: BrokerAccount;

beforeAll(async () => {
  stack = await startTestStack({ env: { STRIKEDESK_MASTER_KEYS: MASTER_KEYS }, engineEnv: { STRIKEDESK_MASTER_KEYS: MASTER_KEYS } });
  admin = await signedInAdmin(stack);
  trader = await signedInUser(stack, 'flow-trader', 'trader');
  simulated = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'Sim Zerodha' });
  await admin.trpc.admin.brokerAccounts.assign.mutate({ id: simulated.id, traderIds: [(await trader.trpc.auth.me.query()).userId] });
}, 90_000);
afterAll(async () => {
  await stack?.close();
});

const liveAccount = async (): Promise<TradingAccount> => {
  const live = (await trader.trpc.auth.accounts.query()).find((account) => account.kind === 'live');
  if (!live) throw new Error('the trader has no live account');
  return live;
};
const brokerPostbacks = async (status: number): Promise<number> => {
  const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
  const match = new RegExp(`gateway_http_requests_total\\{route="broker",method="POST",status="${status}"\\} (\\d+)`).exec(metrics);
  return Number(match?.[1] ?? 0);
};
/** As a browser: follow one redirect by hand, so each hop's answer can be checked. */
const hop = async (url: string) => {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
};

describe('Connect Zerodha through the real engine', () => {
  let callbackUrl = '';

  it('the login page sends the browser back to the callback, which connects the account and returns to Settings', async () => {
    // The engine picks the assignment up from its NOTIFY: until then it has no link to log in to.
    const { url } = await waitUntil(() => trader.trpc.brokers.connectKite.mutate({ id: simulated.id }), {
      message: 'the engine links the assigned account',
      timeoutMs: 15_000,
    });
    const atKite = await hop(url);
    expect(atKite.status).toBe(302);
    callbackUrl = atKite.location ?? '';
    expect(callbackUrl.startsWith(`${stack.gateway.url}/brokers/kite/callback?`)).toBe(true);
    expect(new URL(callbackUrl).searchParams.get('status')).toBe('success');

    const back = await hop(callbackUrl);
    expect(back).toEqual({ status: 302, location: `/settings?broker=connected&broker_account=${simulated.id}` });
    expect((await liveAccount()).brokerAccount).toMatchObject({ id: simulated.id, connection: 'CONNECTED' });
    expect((await admin.trpc.admin.brokerAccounts.get.query({ id: simulated.id })).connection).toBe('CONNECTED');
  });

  it('the same callback again is refused and changes nothing', async () => {
    const again = await fetch(callbackUrl, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'BROKER_LOGIN_FAILED' });
    expect((await liveAccount()).brokerAccount?.connection).toBe('CONNECTED');
  });

  it("orders on the live account go to the simulated Zerodha; its signed postbacks are accepted, a forged one is 403", async () => {
    const option = await pickTradableOption(trader);
    const live = await liveAccount();
    const grant = await trader.trpc.auth.switchAccount.mutate({ accountId: live.id as AccountId });
    trader.state.token = grant.accessToken;
    const accepted = await brokerPostbacks(200);
    const order = await trader.trpc.orders.place.mutate(restingBuy(option));
    expect(order).toMatchObject({ accountId: live.id });
    expect(order.status).not.toBe('DENIED');
    expect((await trader.trpc.orders.list.query()).map((listed) => listed.orderId)).toContain(order.orderId);
    await waitUntil(async () => (await brokerPostbacks(200)) > accepted, { message: "the fake's postback accepted by the engine", timeoutMs: 15_000 });

    const forged = await fetch(`${stack.gateway.url}/brokers/kite/postback/${simulated.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order_id: '1', order_timestamp: '2026-12-06 10:00:00', status: 'COMPLETE', checksum: 'a'.repeat(64) }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ code: 'BROKER_POSTBACK_FORGED' });
  });

  it('disconnect: the account is no longer connected and its orders are refused', async () => {
    expect(await trader.trpc.brokers.disconnect.mutate({ id: simulated.id })).toEqual({ disconnected: true });
    await waitUntil(async () => (await liveAccount()).brokerAccount?.connection === 'DISCONNECTED', { message: 'disconnected' });
    const option = await pickTradableOption(trader);
    const refused = await trader.trpc.orders.place.mutate(restingBuy(option));
    expect(refused).toMatchObject({ status: 'DENIED', reasonCode: 'BROKER_NOT_CONNECTED' });
  });
});
