import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTemplate, istMinuteOfDay, type AlertCheckResult } from '@strikedesk/domain';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { ALWAYS_OPEN_CONFIG, createLiveStrategy, postAlert, processedSignal } from '../testing/webhook-fixtures.ts';

/**
 * "Check a message" (strategies.checkAlert): the webhook's answer and the engine's decision for an
 * alert, with nothing stored or sent — and the same answer the real alert then gets.
 */
let stack: TestStack;
let trader: GatewayClient;
beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'tv-check-trader', 'trader');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const ordersOf = async (strategyId: string) => (await trader.trpc.orders.list.query()).filter((order) => order.strategyId === strategyId);
const signalsOf = (strategyId: string) => trader.trpc.signals.list.query({ strategyId });
const check = (strategyId: string, body: string, contentType: 'json' | 'text' = 'json') => trader.trpc.strategies.checkAlert.mutate({ strategyId, body, contentType });
const wouldOrder = (result: AlertCheckResult) => {
  if (!result.ok || result.wouldDo.kind !== 'ORDER') throw new Error(`expected an order, got ${JSON.stringify(result)}`);
  return result.wouldDo;
};
/** A window that has already closed (or not yet opened) now, IST. */
const closedWindow = () => (istMinuteOfDay(Date.now()) >= 60 ? { start: '00:00', end: '00:30' } : { start: '12:00', end: '12:30' });

describe('Check a message: a dry run of a TradingView alert', () => {
  it('says what the real alert then does, and stores nothing: the same body sent for real is not a repeat', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const body = JSON.stringify({ alert_id: 'c-1', ticker: 'NSE:NIFTY1!', action: 'buy', contracts: '2' });

    const checked = await check(strategy.id, body);
    const order = wouldOrder(checked);
    expect(checked).toMatchObject({ ok: true, parsed: { action: 'BUY', contracts: 2, alertId: 'c-1' } });
    expect(order).toMatchObject({ side: 'BUY', units: 2 * order.lotSize, orderType: 'MARKET', currentUnits: 0, targetUnits: 2 * order.lotSize });
    expect(order.instrumentName).toMatch(/NIFTY/);
    // Checked twice: still nothing stored, nothing sent.
    await check(strategy.id, body);
    expect(await signalsOf(strategy.id)).toEqual([]);
    expect(await ordersOf(strategy.id)).toEqual([]);

    const real = await postAlert(url, body, { contentType: 'application/json' });
    expect(real).toMatchObject({ status: 200, body: { status: 'accepted' } });
    await processedSignal(trader, real.body['signalId'], 'FILLED');
    const [placed] = await ordersOf(strategy.id);
    expect(placed).toMatchObject({ side: order.side, quantity: order.units, instrumentId: order.instrumentId, type: order.orderType });

    // Now long 2 lots: an exit would sell them.
    const exit = wouldOrder(await check(strategy.id, 'exit', 'text'));
    expect(exit).toMatchObject({ side: 'SELL', units: order.units, currentUnits: order.units, targetUnits: 0 });
    expect(await signalsOf(strategy.id)).toHaveLength(1);
  });

  it('answers a decision that sends nothing, and what the engine would refuse after accepting', async () => {
    const { strategy } = await createLiveStrategy(trader, stack.gateway.url);
    expect(await check(strategy.id, 'exit', 'text')).toMatchObject({ ok: true, wouldDo: { kind: 'NONE', reason: 'The strategy has no position to exit.' } });
    expect(await check(strategy.id, 'buy 500', 'text')).toMatchObject({ ok: true, wouldDo: { kind: 'REFUSED', code: 'SIGNAL_ORDER_SIZE_LIMIT' } });
  });

  it("refuses with the webhook's codes and messages", async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url);
    const unknown = JSON.stringify({ action: 'hold' });
    const real = await postAlert(url, unknown, { contentType: 'application/json' });
    expect(await check(strategy.id, unknown)).toEqual({ ok: false, code: real.body['error'], message: real.body['message'] });
    expect(real.body['error']).toBe('WEBHOOK_UNKNOWN_ACTION');
    // "buy 1" declared as JSON is unreadable, as the webhook reads it.
    expect(await check(strategy.id, 'buy 1', 'json')).toMatchObject({ ok: false, code: 'WEBHOOK_MALFORMED_BODY' });
    expect(await check(strategy.id, 'x'.repeat(17 * 1024), 'text')).toMatchObject({ ok: false, code: 'WEBHOOK_BODY_TOO_LARGE' });

    const shut = await trader.trpc.strategies.updateConfig.mutate({
      strategyId: strategy.id,
      expectedVersion: strategy.version,
      config: { ...strategy.config, guards: { ...strategy.config.guards, window: closedWindow() } },
      comment: 'after hours',
    });
    const entry = JSON.stringify({ action: 'buy', contracts: 1, market_position: 'long' });
    const outside = await check(shut.id, entry);
    const realOutside = await postAlert(url, entry, { contentType: 'application/json' });
    expect(realOutside.status).toBe(409);
    expect(outside).toEqual({ ok: false, code: 'WEBHOOK_OUTSIDE_WINDOW', message: realOutside.body['message'] });
    // An exit still goes outside the window: accepted, with the window noted.
    const exit = await check(shut.id, 'exit', 'text');
    expect(exit.ok && exit.notes.some((note) => note.includes('outside the strategy'))).toBe(true);

    await trader.trpc.strategies.updateSettings.mutate({ strategyId: strategy.id, enabled: false });
    expect(await check(strategy.id, 'exit', 'text')).toMatchObject({ ok: false, code: 'WEBHOOK_STRATEGY_DISABLED' });
  });

  it('checks the passphrase as the webhook does', async () => {
    const { strategy, url } = await createLiveStrategy(trader, stack.gateway.url, { passphrase: 'open-sesame-1' });
    const wrong = JSON.stringify({ passphrase: 'guess', action: 'buy', contracts: 1 });
    const result = await check(strategy.id, wrong);
    const real = await postAlert(url, wrong, { contentType: 'application/json' });
    expect(result).toEqual({ ok: false, code: 'WEBHOOK_BAD_PASSPHRASE', message: real.body['message'] });
    expect(wouldOrder(await check(strategy.id, JSON.stringify({ passphrase: 'open-sesame-1', action: 'buy', contracts: 1 }))).side).toBe('BUY');
  });

  it("another user's strategy is STRATEGY_NOT_FOUND", async () => {
    const { strategy } = await createLiveStrategy(trader, stack.gateway.url);
    const stranger = await signedInUser(stack, 'tv-check-stranger', 'trader');
    expect(await failureOf(stranger.trpc.strategies.checkAlert.mutate({ strategyId: strategy.id, body: 'buy 1', contentType: 'text' }))).toMatchObject({ appCode: 'STRATEGY_NOT_FOUND' });
  });

  it('a portfolio strategy: an entry would arm the linked portfolio, reverse is refused', async () => {
    const portfolio = await trader.trpc.portfolios.create.mutate({
      definition: { settings: { name: 'TV straddle', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' }, legs: applyTemplate('SHORT_STRADDLE') },
    });
    const { strategy } = await createLiveStrategy(trader, stack.gateway.url, { template: 'TV_PORTFOLIO', config: { ...ALWAYS_OPEN_CONFIG, target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } } });
    expect(await check(strategy.id, JSON.stringify({ ticker: 'NSE:NIFTY', action: 'buy' }))).toMatchObject({
      ok: true,
      wouldDo: { kind: 'PORTFOLIO', action: 'ARM', portfolioId: portfolio.id, portfolioName: 'TV straddle' },
    });
    expect(await check(strategy.id, 'exit', 'text')).toMatchObject({ ok: true, wouldDo: { kind: 'NONE', reason: 'The portfolio holds nothing to exit.' } });
    expect(await check(strategy.id, 'reverse', 'text')).toMatchObject({ ok: true, wouldDo: { kind: 'REFUSED', code: 'SIGNAL_PORTFOLIO_ACTION' } });
    expect(await check(strategy.id, JSON.stringify({ ticker: 'NSE:BANKNIFTY', action: 'buy' }))).toMatchObject({ ok: true, wouldDo: { kind: 'REFUSED', code: 'WEBHOOK_SYMBOL_MISMATCH' } });
    expect((await trader.trpc.portfolios.get.query({ portfolioId: portfolio.id })).portfolio.status).not.toBe('ACTIVE');
  });
});
