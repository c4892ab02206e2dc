import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrokerAccount } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { startScriptedEngine, SCRIPTED_KITE_LOGIN_URL, type ScriptedEngine } from '../testing/scripted-engine.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { createKiteLoginStates } from './kite-login-state.ts';

// The gateway's half of broker connections, against a scripted engine that records what reached it:
// who may start a Kite login, the callback's state checks, and postback forwarding. The engine's own
// checks (Kite's checksums) are proven against the real engine in kite-login-flow.test.ts.
let engine: ScriptedEngine;
let stack: TestStack;
let admin: GatewayClient;
let trader: GatewayClient;
let zerodhaTrader: GatewayClient;
let otherTrader: GatewayClient;
let viewer: GatewayClient;
let simulated: BrokerAccount;
let zerodha: BrokerAccount;
let xts: BrokerAccount;
let engineClosed = false;

beforeAll(async () => {
  engine = await startScriptedEngine();
  stack = await startTestStack({
    engine: false,
    env: { ENGINE_URL: engine.url, STRIKEDESK_MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}` },
  });
  admin = await signedInAdmin(stack);
  trader = await signedInUser(stack, 'kc-trader', 'trader');
  zerodhaTrader = await signedInUser(stack, 'kc-zerodha', 'trader');
  otherTrader = await signedInUser(stack, 'kc-other', 'trader');
  viewer = await signedInUser(stack, 'kc-viewer', 'viewer');
  simulated = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'Sim Zerodha' });
  zerodha = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'KITE', name: 'Zerodha desk', apiKey: 'kitekey1234', apiSecret: 'kite-secret-1' });
  xts = await admin.trpc.admin.brokerAccounts.create.mutate({
    broker: 'XTS',
    name: 'Symphony desk',
    rootUrl: 'https://xts.example-broker.in',
    interactiveAppKey: 'ia',
    interactiveSecret: 'ia-secret',
    marketDataAppKey: 'md',
    marketDataSecret: 'md-secret',
  });
  await admin.trpc.admin.brokerAccounts.assign.mutate({ id: simulated.id, traderIds: [(await trader.trpc.auth.me.query()).userId] });
  await admin.trpc.admin.brokerAccounts.assign.mutate({ id: zerodha.id, traderIds: [(await zerodhaTrader.trpc.auth.me.query()).userId] });
  await admin.trpc.admin.brokerAccounts.assign.mutate({ id: xts.id, traderIds: [(await otherTrader.trpc.auth.me.query()).userId] });
}, 90_000);
afterAll(async () => {
  await stack?.close();
  if (!engineClosed) await engine?.close();
});

const calls = (procedure: string) => engine.brokerCalls().filter((call) => call.procedure === procedure);
/** The `state` the gateway gave Kite (as Kite's redirect_params) in a login URL. */
const stateOf = (loginUrl: string): string => {
  const redirectParams = new URL(loginUrl).searchParams.get('redirect_params') ?? '';
  return new URLSearchParams(redirectParams).get('state') ?? '';
};
/** The browser coming back from Kite: redirects are not followed, so the answer is the gateway's own. */
const callback = (params: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${stack.gateway.url}/brokers/kite/callback?${new URLSearchParams(params).toString()}`, { redirect: 'manual', headers });
const kiteSuccess = (state: string, requestToken = 'aBcD1234eFgH5678iJkL9012mNoP3456') => ({ request_token: requestToken, action: 'login', status: 'success', state });
const postback = (id: string, body: string, init: RequestInit = {}) =>
  fetch(`${stack.gateway.url}/brokers/kite/postback/${id}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, ...init });

describe('brokers.connectKite', () => {
  it('an admin gets the login URL; the engine gets the callback and postback URLs and a signed state', async () => {
    const { url } = await admin.trpc.brokers.connectKite.mutate({ id: simulated.id, returnTo: 'admin' });
    expect(url.startsWith(SCRIPTED_KITE_LOGIN_URL)).toBe(true);
    const [started] = calls('startKiteLogin').slice(-1);
    expect(started?.input).toMatchObject({
      brokerAccountId: simulated.id,
      redirectUrl: `${stack.gateway.url}/brokers/kite/callback`,
      postbackUrl: `${stack.gateway.url}/brokers/kite/postback/${simulated.id}`,
    });
    expect(started?.input.redirectParams).toMatch(/^state=[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('the assigned trader may connect their account; a real Kite account works the same', async () => {
    expect((await trader.trpc.brokers.connectKite.mutate({ id: simulated.id })).url.startsWith(SCRIPTED_KITE_LOGIN_URL)).toBe(true);
    expect((await zerodhaTrader.trpc.brokers.connectKite.mutate({ id: zerodha.id })).url.startsWith(SCRIPTED_KITE_LOGIN_URL)).toBe(true);
    expect((await admin.trpc.brokers.connectKite.mutate({ id: zerodha.id })).url.startsWith(SCRIPTED_KITE_LOGIN_URL)).toBe(true);
  });

  it('refuses another trader and a viewer (FORBIDDEN), and an XTS account (VALIDATION_FAILED), before the engine hears of it', async () => {
    const before = calls('startKiteLogin').length;
    const other = await failureOf(otherTrader.trpc.brokers.connectKite.mutate({ id: simulated.id }));
    expect(other).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE', httpStatus: 403 });
    expect(other.message).toContain('not assigned to you');
    expect(await failureOf(viewer.trpc.brokers.connectKite.mutate({ id: simulated.id }))).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    expect(await failureOf(trader.trpc.brokers.connectKite.mutate({ id: zerodha.id }))).toMatchObject({ appCode: 'FORBIDDEN_ROLE' });
    const refused = await failureOf(admin.trpc.brokers.connectKite.mutate({ id: xts.id }));
    expect(refused).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' });
    expect(refused.message).toContain('XTS');
    const spare = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'Spare desk' });
    const unassigned = await failureOf(admin.trpc.brokers.connectKite.mutate({ id: spare.id }));
    expect(unassigned).toMatchObject({ appCode: 'VALIDATION_FAILED', message: expect.stringContaining('not assigned to a trader') });
    await admin.trpc.admin.brokerAccounts.setEnabled.mutate({ id: zerodha.id, enabled: false });
    const disabled = await failureOf(zerodhaTrader.trpc.brokers.connectKite.mutate({ id: zerodha.id }));
    expect(disabled).toMatchObject({ appCode: 'VALIDATION_FAILED', message: expect.stringContaining('disabled') });
    await admin.trpc.admin.brokerAccounts.setEnabled.mutate({ id: zerodha.id, enabled: true });
    expect(calls('startKiteLogin')).toHaveLength(before);
  });

  it('reconnect is for XTS accounts, by their trader or an admin', async () => {
    expect(await otherTrader.trpc.brokers.reconnect.mutate({ id: xts.id })).toEqual({ reconnecting: true });
    expect(await failureOf(trader.trpc.brokers.reconnect.mutate({ id: xts.id }))).toMatchObject({ appCode: 'FORBIDDEN_ROLE' });
    expect(await failureOf(admin.trpc.brokers.reconnect.mutate({ id: simulated.id }))).toMatchObject({ appCode: 'VALIDATION_FAILED', message: expect.stringContaining('Connect Zerodha') });
    expect(calls('reconnect').map((call) => call.input)).toEqual([{ id: xts.id }]);
  });

  it('disconnect: the same people may, the others may not', async () => {
    expect(await trader.trpc.brokers.disconnect.mutate({ id: simulated.id })).toEqual({ disconnected: true });
    expect(await failureOf(otherTrader.trpc.brokers.disconnect.mutate({ id: simulated.id }))).toMatchObject({ appCode: 'FORBIDDEN_ROLE' });
    expect(await failureOf(viewer.trpc.brokers.disconnect.mutate({ id: simulated.id }))).toMatchObject({ appCode: 'FORBIDDEN_ROLE' });
    expect(calls('disconnect').map((call) => call.input)).toEqual([{ id: simulated.id }]);
  });
});

describe('GET /brokers/kite/callback', () => {
  it('completes the login with Kite\'s request token and sends the browser back to the page that started it', async () => {
    const state = stateOf((await trader.trpc.brokers.connectKite.mutate({ id: simulated.id })).url);
    const response = await callback(kiteSuccess(state));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`/settings?broker=connected&broker_account=${simulated.id}`);
    expect(calls('completeKiteLogin').at(-1)?.input).toEqual({ brokerAccountId: simulated.id, requestToken: 'aBcD1234eFgH5678iJkL9012mNoP3456' });

    // The same callback again (history, a shared link): refused, and the engine hears nothing.
    const completions = calls('completeKiteLogin').length;
    const replay = await callback(kiteSuccess(state));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: 'BROKER_LOGIN_FAILED' });
    expect(calls('completeKiteLogin')).toHaveLength(completions);
  });

  it('a missing, forged, expired or foreign state is 400 with its code, and never reaches the engine', async () => {
    const completions = calls('completeKiteLogin').length;
    const signedElsewhere = await createKiteLoginStates({ secret: randomBytes(32).toString('hex') }).issue({ brokerAccountId: simulated.id, userId: (await admin.trpc.auth.me.query()).userId, returnTo: 'settings' });
    const expired = await createKiteLoginStates({ secret: stack.env.JWT_SECRET }).issue(
      { brokerAccountId: simulated.id, userId: (await admin.trpc.auth.me.query()).userId, returnTo: 'settings' },
      new Date(Date.now() - 11 * 60_000),
    );
    const genuine = stateOf((await admin.trpc.brokers.connectKite.mutate({ id: simulated.id })).url);
    const [header, payload, signature] = genuine.split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), brokerAccountId: zerodha.id })).toString('base64url')}.${signature}`;
    const accessToken = admin.state.token ?? '';
    for (const state of ['', 'not-a-jwt', signedElsewhere, expired, altered, accessToken]) {
      const response = await callback(state === '' ? { request_token: 'aBcD1234eFgH5678', status: 'success' } : kiteSuccess(state));
      expect(response.status, `state ${state.slice(0, 20)}`).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'BROKER_LOGIN_FAILED', code: 'BROKER_LOGIN_FAILED' });
    }
    // A browser gets a page to act on rather than JSON.
    const page = await callback(kiteSuccess('not-a-jwt'), { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('BROKER_LOGIN_FAILED');
    expect(calls('completeKiteLogin')).toHaveLength(completions);
    // Nor does a login state pass for an access token: each is signed with its own key.
    const asBearer = await fetch(`${stack.gateway.url}/trpc/auth.me`, { headers: { authorization: `Bearer ${genuine}` } });
    expect(asBearer.status).toBe(401);
  });

  it('a login cancelled at Kite, a bad request token, or one the engine refuses goes back with the error code', async () => {
    const completions = calls('completeKiteLogin').length;
    const start = async () => stateOf((await admin.trpc.brokers.connectKite.mutate({ id: simulated.id, returnTo: 'admin' })).url);
    const cancelled = await callback({ action: 'login', status: 'cancelled', state: await start() });
    expect(cancelled.status).toBe(302);
    expect(cancelled.headers.get('location')).toBe(`/admin?broker_error=BROKER_LOGIN_FAILED&broker_account=${simulated.id}`);
    const badToken = await callback(kiteSuccess(await start(), 'not a token!'));
    expect(badToken.headers.get('location')).toContain('broker_error=BROKER_LOGIN_FAILED');
    expect(calls('completeKiteLogin')).toHaveLength(completions);

    const refusedState = await start();
    engine.failNextBrokerCall('completeKiteLogin', 'BROKER_LOGIN_FAILED');
    const refused = await callback(kiteSuccess(refusedState));
    expect(refused.headers.get('location')).toBe(`/admin?broker_error=BROKER_LOGIN_FAILED&broker_account=${simulated.id}`);
    expect(calls('completeKiteLogin')).toHaveLength(completions + 1);
  });

  it('a trader unassigned while at Kite is refused when they come back', async () => {
    const zerodhaTraderId = (await zerodhaTrader.trpc.auth.me.query()).userId;
    const started = stateOf((await zerodhaTrader.trpc.brokers.connectKite.mutate({ id: zerodha.id })).url);
    await admin.trpc.admin.brokerAccounts.unassign.mutate({ id: zerodha.id, traderIds: [zerodhaTraderId] });
    const completions = calls('completeKiteLogin').length;
    const response = await callback(kiteSuccess(started));
    expect(response.headers.get('location')).toBe(`/settings?broker_error=FORBIDDEN_ROLE&broker_account=${zerodha.id}`);
    expect(calls('completeKiteLogin')).toHaveLength(completions);
    await admin.trpc.admin.brokerAccounts.assign.mutate({ id: zerodha.id, traderIds: [zerodhaTraderId] });
  });
});

describe('POST /brokers/kite/postback/:id', () => {
  const body = JSON.stringify({ order_id: '220303000308932', status: 'COMPLETE', order_timestamp: '2026-12-05 10:15:00', checksum: 'abc' });

  it('forwards the raw body to the engine and answers 200 {"status":"ok"}', async () => {
    const raw = body.replace(',', ' ,'); // byte for byte as sent, not re-serialised
    const response = await postback(simulated.id, raw);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"status":"ok"}');
    expect(calls('kitePostback').at(-1)?.input).toEqual({ brokerAccountId: simulated.id, body: raw });
  });

  it('a forged postback (the engine says so) is 403 with its code', async () => {
    engine.failNextBrokerCall('kitePostback', 'BROKER_POSTBACK_FORGED');
    const response = await postback(zerodha.id, body);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'BROKER_POSTBACK_FORGED', error: 'BROKER_POSTBACK_FORGED' });
  });

  it('bad bodies, unknown accounts and wrong methods are refused without reaching the engine; nothing breaks', async () => {
    const forwarded = calls('kitePostback').length;
    const cases: [string, Promise<Response>, number][] = [
      ['not JSON', postback(simulated.id, '{"order_id": '), 400],
      ['a JSON array', postback(simulated.id, '[1,2]'), 400],
      ['a JSON string', postback(simulated.id, '"x"'), 400],
      ['empty', postback(simulated.id, ''), 400],
      ['binary', postback(simulated.id, '', { body: new Uint8Array([0xff, 0xfe, 0x00, 0x7b]) }), 400],
      ['over 64 KB', postback(simulated.id, JSON.stringify({ pad: 'x'.repeat(70_000) })), 413],
      ['an unknown account', postback('00000000-0000-4000-8000-0000000000ee', body), 404],
      ['not an id', postback('..%2F..%2Fadmin', body), 404],
      ['a nested path', postback(`${simulated.id}/extra`, body), 404],
      ['an XTS account', postback(xts.id, body), 404],
      ['GET', fetch(`${stack.gateway.url}/brokers/kite/postback/${simulated.id}`), 405],
    ];
    for (const [name, request, status] of cases) {
      const response = await request;
      expect(response.status, name).toBe(status);
      expect((await response.json()) as unknown, name).toMatchObject({ code: expect.any(String) });
    }
    expect(calls('kitePostback')).toHaveLength(forwarded);
    expect((await postback(simulated.id, body)).status).toBe(200);
  });

  it('is counted under its own route label in /metrics', async () => {
    const metrics = await (await fetch(`${stack.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_http_requests_total\{route="broker",method="POST",status="200"\} \d+/);
  });

  it('answers 503 when the engine is down', async () => {
    await engine.close();
    engineClosed = true;
    await waitUntil(() => !stack.gateway.engine.isConnected(), { message: 'the gateway sees the engine gone' });
    const response = await postback(simulated.id, body);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
  });
});
