import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { startGateway } from '../server.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import type { GatewayClient } from '../testing/gateway-client.ts';
import { ALWAYS_OPEN_CONFIG, createLiveStrategy, postAlert, processedSignal } from '../testing/webhook-fixtures.ts';

let stack: TestStack;
let trader: GatewayClient;
let niftyLot: number;

beforeAll(async () => {
  stack = await startTestStack({ env: { TRUSTED_PROXIES: '127.0.0.1' } });
  trader = await signedInUser(stack, 'tv-trader', 'trader');
  const [future] = (await trader.trpc.instruments.search.query({ query: 'NIFTY FUT', limit: 5 })).filter((instrument) => instrument.underlying === 'NIFTY');
  niftyLot = future!.lotSize;
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const ordersOf = async (strategyId: string) => (await trader.trpc.orders.list.query()).filter((order) => order.strategyId === strategyId);
const bookUnits = async (strategyId: string) =>
  (await trader.trpc.positions.books.query()).filter((position) => position.strategyId === strategyId).reduce((sum, position) => sum + position.netQuantity, 0);

describe('TradingView webhook: accepted alerts', () => {
  it('turns a JSON alert into one attributed order and a full timeline', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const reply = await postAlert(url, { alert_id: 'a-1', ticker: 'NSE:NIFTY1!', action: 'buy', contracts: '2', position_size: '2' });
    expect(reply).toMatchObject({ status: 200, body: { status: 'accepted' } });

    const signal = await processedSignal(trader, reply.body['signalId'], 'FILLED');
    expect(signal.status).toBe('EXECUTED');
    expect(signal.events.map((event) => event.stage)).toEqual(['RECEIVED', 'PARSED', 'RISK_CHECKED', 'ORDER_SENT', 'ACKNOWLEDGED', 'FILLED']);
    const orders = await ordersOf(strategy.id);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ side: 'BUY', quantity: 2 * niftyLot, origin: 'WEBHOOK', status: 'FILLED', clientOrderId: `tv${signal.id}` });
    expect(signal.orderIds).toEqual([orders[0]!.orderId]);
    expect(await bookUnits(strategy.id)).toBe(2 * niftyLot);
  });

  it('reads text/plain bodies: JSON sent as text, and the word form', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const asText = await postAlert(url, '{"action": "sell", "contracts": 1, "alert_id": "t-1"}');
    expect(asText).toMatchObject({ status: 200, body: { status: 'accepted' } });
    await processedSignal(trader, asText.body['signalId']);
    const words = await postAlert(url, 'buy 3 id=t-2');
    expect(words).toMatchObject({ status: 200, body: { status: 'accepted' } });
    await processedSignal(trader, words.body['signalId']);
    expect(await bookUnits(strategy.id)).toBe(2 * niftyLot);
  });

  it('exit, reverse and target move the strategy book; a target already met places nothing', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const send = async (body: object) => processedSignal(trader, (await postAlert(url, body)).body['signalId']);
    await send({ alert_id: 'r-1', action: 'target', position_size: 3 });
    expect(await bookUnits(strategy.id)).toBe(3 * niftyLot);
    const again = await send({ alert_id: 'r-2', action: 'target', position_size: '3.0' });
    expect(again).toMatchObject({ status: 'NO_ACTION', orderIds: [] });
    await send({ alert_id: 'r-3', action: 'reverse' });
    expect(await bookUnits(strategy.id)).toBe(-3 * niftyLot);
    await send({ alert_id: 'r-4', action: 'exit' });
    expect(await bookUnits(strategy.id)).toBe(0);
    const flat = await send({ alert_id: 'r-5', action: 'exit' });
    expect(flat.status).toBe('NO_ACTION');
    expect(await ordersOf(strategy.id)).toHaveLength(3);
  });

  it("after the trader closed the strategy's position from the order ticket, the strategy is flat: an exit sends nothing", async () => {
    // A trader of their own: the account holds nothing but this strategy's position.
    const own = await signedInUser(stack, 'tv-ticket-trader', 'trader');
    const { strategy, url } = await createLiveStrategy(own, stack.gateway.url);
    const send = async (body: object) => processedSignal(own, (await postAlert(url, body)).body['signalId']);
    const units = async () => (await own.trpc.positions.books.query()).filter((position) => position.strategyId === strategy.id).reduce((sum, position) => sum + position.netQuantity, 0);
    await send({ alert_id: 'm-1', action: 'sell', contracts: 1 });
    expect(await units()).toBe(-niftyLot);
    const [short] = (await own.trpc.orders.list.query()).filter((order) => order.strategyId === strategy.id);
    // Bought back from the ticket: no strategy on the order, yet it closes the strategy's short (ADR 0010).
    const bought = await own.trpc.orders.place.mutate({ instrumentId: short!.instrumentId, side: 'BUY', type: 'MARKET', product: short!.product, quantity: niftyLot, price: null, triggerPrice: null });
    expect(bought.status).toBe('FILLED');
    expect(await units()).toBe(0);
    const exit = await send({ alert_id: 'm-2', action: 'exit' });
    expect(exit).toMatchObject({ status: 'NO_ACTION', orderIds: [], reasonMessage: 'The strategy has no position to exit.' });
    expect((await own.trpc.orders.list.query()).filter((order) => order.strategyId === strategy.id)).toHaveLength(1);
  });

  it('the same alert delivered four times at once places one order', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const body = { alert_id: 'dup-1', action: 'buy', contracts: 1 };
    const replies = await Promise.all([1, 2, 3, 4].map(() => postAlert(url, body)));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200]);
    expect(replies.filter((reply) => reply.body['status'] === 'accepted')).toHaveLength(1);
    expect(replies.filter((reply) => reply.body['status'] === 'duplicate')).toHaveLength(3);
    expect(new Set(replies.map((reply) => reply.body['signalId'])).size).toBe(1);
    const signal = await processedSignal(trader, replies[0]!.body['signalId']);
    expect(signal.duplicates).toBe(3);
    expect(await ordersOf(strategy.id)).toHaveLength(1);

    // Without an alert id, identical bodies within the window are one alert too.
    const plain = await Promise.all([1, 2].map(() => postAlert(url, 'sell 1')));
    expect(plain.map((reply) => reply.body['status']).sort()).toEqual(['accepted', 'duplicate']);
    await processedSignal(trader, plain[0]!.body['signalId']);
    expect(await ordersOf(strategy.id)).toHaveLength(2);
  });

  it("lists each strategy's newest alert, whichever strategy is the busier, and only the caller's", async () => {
    const quiet = await createLiveStrategy(trader, stack.gateway.url);
    const busy = await createLiveStrategy(trader, stack.gateway.url);
    const silent = await createLiveStrategy(trader, stack.gateway.url);
    const quietAlert = await postAlert(quiet.url, { alert_id: 'quiet-1', action: 'hold' }); // refused: still its newest
    const busyAlerts: unknown[] = [];
    for (const n of [1, 2, 3]) busyAlerts.push((await postAlert(busy.url, { alert_id: `busy-${n}`, action: 'hold' })).body['signalId']);
    const latest = await trader.trpc.signals.latestByStrategy.query();
    const byStrategy = new Map(latest.map((signal) => [signal.strategyId, signal]));
    expect(byStrategy.get(quiet.strategy.id)?.id).toBe(quietAlert.body['signalId']);
    expect(byStrategy.get(busy.strategy.id)?.id).toBe(busyAlerts[2]);
    expect(byStrategy.has(silent.strategy.id)).toBe(false);
    expect(latest.filter((signal) => signal.strategyId === busy.strategy.id)).toHaveLength(1);
    const stranger = await signedInUser(stack, 'tv-stranger', 'trader');
    expect(await stranger.trpc.signals.latestByStrategy.query()).toEqual([]);
  });

  it('the same text resent with the right content type is a new alert, not a repeat of the one refused as unreadable', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    // "buy 1" declared as JSON cannot be read; the trader fixes the alert's format and it is sent again at once.
    const unreadable = await postAlert(url, 'buy 1', { contentType: 'application/json' });
    expect(unreadable).toMatchObject({ status: 400, body: { error: 'WEBHOOK_MALFORMED_BODY' } });
    const fixed = await postAlert(url, 'buy 1');
    expect(fixed).toMatchObject({ status: 200, body: { status: 'accepted' } });
    await processedSignal(trader, fixed.body['signalId']);
    expect(await ordersOf(strategy.id)).toHaveLength(1);
    // TradingView resending the fixed alert is still one alert.
    expect(await postAlert(url, 'buy 1')).toMatchObject({ status: 200, body: { status: 'duplicate', signalId: fixed.body['signalId'] } });
  });
});

describe('TradingView webhook: refused alerts are answered 4xx with a reason and recorded', () => {
  it.each([
    ['malformed JSON', '{"action": "buy",', 'application/json', 400, 'WEBHOOK_MALFORMED_BODY'],
    ['unknown action', { action: 'hold', alert_id: 'x1' }, undefined, 422, 'WEBHOOK_UNKNOWN_ACTION'],
    ['unknown symbol', { action: 'buy', ticker: 'NSE:NOSUCH1!', alert_id: 'x2' }, undefined, 422, 'WEBHOOK_UNKNOWN_SYMBOL'],
    ['another underlying', { action: 'buy', ticker: 'NSE:BANKNIFTY1!', alert_id: 'x3' }, undefined, 422, 'WEBHOOK_SYMBOL_MISMATCH'],
    ['fractional quantity', { action: 'buy', contracts: 'two', alert_id: 'x4' }, undefined, 422, 'WEBHOOK_INVALID_QUANTITY'],
    ['unfilled placeholder', { action: '{{strategy.order.action}}', alert_id: 'x5' }, undefined, 422, 'WEBHOOK_PLACEHOLDER_UNFILLED'],
    ['unsupported media type', 'buy 1', 'application/x-www-form-urlencoded', 415, 'WEBHOOK_UNSUPPORTED_MEDIA_TYPE'],
  ] as const)('%s', async (_name, body, contentType, status, code) => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const reply = await postAlert(url, body, contentType ? { contentType } : {});
    expect(reply).toMatchObject({ status, body: { error: code } });
    expect(String(reply.body['message']).length).toBeGreaterThan(10);
    const [logged] = await trader.trpc.signals.list.query({ strategyId: strategy.id });
    expect(logged).toMatchObject({ status: 'REJECTED', reasonCode: code, id: reply.body['signalId'] });
    expect(await ordersOf(strategy.id)).toHaveLength(0);
  });

  it('a wrong or missing passphrase is refused and never shown back', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url, { passphrase: 'open sesame 42' });
    expect(await postAlert(url, { action: 'buy', passphrase: 'guess-guess', alert_id: 'p1' })).toMatchObject({ status: 401, body: { error: 'WEBHOOK_BAD_PASSPHRASE' } });
    expect(await postAlert(url, { action: 'buy', alert_id: 'p2' })).toMatchObject({ status: 401 });
    // A refused guess does not reserve the alert id: the genuine alert with it still trades.
    const ok = await postAlert(url, { action: 'buy', passphrase: 'open sesame 42', alert_id: 'p1' });
    expect(ok).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const signal = await processedSignal(trader, ok.body['signalId']);
    expect(signal.body).not.toContain('open sesame 42');
    expect(await ordersOf(strategy.id)).toHaveLength(1);
    // Masked even when the alert could not be read.
    const broken = await postAlert(url, '{"passphrase": "open sesame 42", "action": "buy",', { contentType: 'application/json' });
    const [logged] = await trader.trpc.signals.list.query({ strategyId: strategy.id, status: 'REJECTED', limit: 1 });
    expect(logged).toMatchObject({ id: broken.body['signalId'], reasonCode: 'WEBHOOK_MALFORMED_BODY' });
    expect(logged!.body).not.toContain('open sesame 42');
  });

  it('an unknown token is a 404 that reveals nothing and records nothing', async () => {
    const before = await trader.trpc.signals.list.query({ limit: 500 });
    for (const path of ['/webhooks/tradingview/' + 'A'.repeat(32), '/webhooks/tradingview/short', '/webhooks/other']) {
      const reply = await postAlert(`${stack.gateway.url}${path}`, { action: 'buy' });
      expect(reply).toEqual({ status: 404, body: { error: 'NOT_FOUND', message: 'Not found.' } });
    }
    expect(await trader.trpc.signals.list.query({ limit: 500 })).toHaveLength(before.length);
  });

  it('a disabled strategy records the alert and trades nothing', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    await trader.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, enabled: false });
    expect(await postAlert(url, { action: 'buy', alert_id: 'd1' })).toMatchObject({ status: 409, body: { error: 'WEBHOOK_STRATEGY_DISABLED' } });
    expect(await ordersOf(strategy.id)).toHaveLength(0);
  });

  it('a body over 16 KB is refused with 413', async () => {
    const { url } = await createLiveStrategy(trader, stack.gateway.url);
    const reply = await postAlert(url, { action: 'buy', comment: 'x'.repeat(20_000) });
    expect(reply).toMatchObject({ status: 413, body: { error: 'WEBHOOK_BODY_TOO_LARGE' } });
  });

  it('guards: rate limit per minute, and the IP allowlist reads X-Forwarded-For only from a trusted proxy', async () => {
    const limited = await createLiveStrategy(trader, stack.gateway.url, { config: { ...ALWAYS_OPEN_CONFIG, guards: { ...ALWAYS_OPEN_CONFIG.guards, maxSignalsPerMinute: 2 } } });
    const statuses = [];
    for (const id of ['g1', 'g2', 'g3']) statuses.push((await postAlert(limited.url, { action: 'buy', alert_id: id })).status);
    expect(statuses).toEqual([200, 200, 429]);

    const tradingView = '52.89.214.238';
    const fenced = await createLiveStrategy(trader, stack.gateway.url, { config: { ...ALWAYS_OPEN_CONFIG, guards: { ...ALWAYS_OPEN_CONFIG.guards, allowedIps: [tradingView] } } });
    expect(await postAlert(fenced.url, { action: 'buy', alert_id: 'i1' })).toMatchObject({ status: 403, body: { error: 'WEBHOOK_IP_NOT_ALLOWED' } });
    expect(await postAlert(fenced.url, { action: 'buy', alert_id: 'i2' }, { headers: { 'x-forwarded-for': tradingView } })).toMatchObject({ status: 200 });
    // A client can prepend anything; only the hop the trusted proxy appended counts.
    const forged = await postAlert(fenced.url, { action: 'buy', alert_id: 'i3' }, { headers: { 'x-forwarded-for': `${tradingView}, 203.0.113.9` } });
    expect(forged).toMatchObject({ status: 403 });
  });
});

describe('TradingView webhook: strategy changes apply at once, on every gateway', () => {
  it('rotating the URL retires the old one; disabling stops alerts, also on a second gateway that had it cached', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const other = await startGateway({ ...stack.env, PORT: 0 });
    try {
      const otherUrl = url.replace(stack.gateway.url, other.url);
      // Both gateways have now looked the strategy up (and cached it).
      expect((await postAlert(url, { action: 'buy', alert_id: 'c1' })).status).toBe(200);
      expect((await postAlert(otherUrl, { action: 'sell', alert_id: 'c2' })).status).toBe(200);

      await trader.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, enabled: false });
      expect(await postAlert(url, { action: 'buy', alert_id: 'c3' })).toMatchObject({ status: 409 });
      await waitUntil(async () => (await postAlert(otherUrl, { action: 'buy', alert_id: `c4-${Date.now()}` })).status === 409, { timeoutMs: 2_000, message: 'the other gateway sees the change' });

      const { webhookPath } = await trader.trpc.strategies.rotateToken.mutate({ strategyId: strategy.id });
      expect((await postAlert(url, { action: 'buy', alert_id: 'c5' })).status).toBe(404);
      await waitUntil(async () => (await postAlert(otherUrl, { action: 'buy', alert_id: 'c6' })).status === 404, { timeoutMs: 2_000, message: 'the old URL is gone on the other gateway' });
      expect((await postAlert(`${stack.gateway.url}${webhookPath}`, { action: 'buy', alert_id: 'c7' })).status).toBe(409); // new URL, still disabled
    } finally {
      await other.close();
    }
  });
});
