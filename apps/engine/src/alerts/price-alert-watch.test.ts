import { afterEach, describe, expect, it } from 'vitest';
import { paise, rupeesLabel } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { moveNifty, niftySpot } from '../testing/portfolio-fixtures.ts';
import { startPriceAlertFixtures } from '../testing/price-alert-fixtures.ts';
import { TEST_START } from '../testing/test-engine.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function setup() {
  const fixtures = await startPriceAlertFixtures(cleanups);
  return { ...fixtures, watch: await fixtures.startWatch(), fired: fixtures.told, userId: fixtures.trader.userId };
}

describe('the price alert watch', () => {
  it('fires an alert once when the last price reaches its level, and the trader hears of it on Telegram', async () => {
    const { engine, clock, watch, telegram, fired, userId, store } = await setup();
    const { indexId, spot } = niftySpot(engine);
    const above = await store.create(userId, { instrumentId: indexId, condition: 'ABOVE', price: Math.round(spot * 1.01), note: 'breakout' });
    const below = await store.create(userId, { instrumentId: indexId, condition: 'BELOW', price: Math.round(spot * 0.98), note: '' });
    await waitUntil(() => (watch.watching === 2 ? true : undefined), { message: 'the watch reloaded both alerts' });

    moveNifty(engine, clock, Math.round(spot * 1.005));
    moveNifty(engine, clock, Math.round(spot * 1.012));
    const [alert] = await waitUntil(() => (fired.length > 0 ? fired : undefined), { message: 'the alert fired' });
    const crossed = engine.services.market.latest(indexId)!.lastPrice;
    expect(alert).toMatchObject({ id: above.id, status: 'TRIGGERED', triggeredPrice: crossed, triggeredAt: clock.now() });
    expect(watch.watching).toBe(1);

    // Further up, and back below the level and up again: it fired once.
    moveNifty(engine, clock, Math.round(spot * 1.02));
    moveNifty(engine, clock, Math.round(spot * 1.0));
    moveNifty(engine, clock, Math.round(spot * 1.03));
    const [message] = await waitUntil(() => (telegram.received.length > 0 ? telegram.received.map((message) => message.body) : undefined), { timeoutMs: 10_000, message: 'telegram got the alert' });
    expect(message).toEqual({ chat_id: '4242', text: `NIFTY 50 traded at ${rupeesLabel(paise(crossed))}: your alert at or above ${rupeesLabel(paise(above.price))} (breakout).`, disable_web_page_preview: true });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired.map((each) => each.id)).toEqual([above.id]);
    expect((await store.active()).map((each) => each.id)).toEqual([below.id]);
  });

  it('fires at once an alert whose level was reached while nobody watched, and never a cancelled one', async () => {
    const { engine, clock, watch, startWatch, fired, userId, store } = await setup();
    const { indexId, spot } = niftySpot(engine);
    await watch.close();
    const cancelled = await store.create(userId, { instrumentId: indexId, condition: 'BELOW', price: Math.round(spot * 0.99), note: '' });
    const missed = await store.create(userId, { instrumentId: indexId, condition: 'BELOW', price: Math.round(spot * 0.995), note: '' });
    await store.cancel(userId, cancelled.id);
    moveNifty(engine, clock, Math.round(spot * 0.985));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fired).toEqual([]);

    // A new watch (the engine started again) finds the level already reached, with no tick needed.
    await startWatch();
    await waitUntil(() => (fired.length > 0 ? true : undefined), { message: 'the missed alert fired' });
    expect(fired.map((each) => [each.id, each.triggeredPrice])).toEqual([[missed.id, engine.services.market.latest(indexId)!.lastPrice]]);
    moveNifty(engine, clock, Math.round(spot * 0.97));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired.map((each) => each.id)).toEqual([missed.id]);
  });

  it('fires a changed alert at its new level, not the old one', async () => {
    const { engine, clock, watch, fired, userId, store } = await setup();
    const { indexId, spot } = niftySpot(engine);
    const alert = await store.create(userId, { instrumentId: indexId, condition: 'ABOVE', price: Math.round(spot * 1.01), note: 'moved' });
    await waitUntil(() => (watch.watching === 1 ? true : undefined), { message: 'the watch loaded it' });
    await store.modify(userId, alert.id, { price: Math.round(spot * 1.03) });
    moveNifty(engine, clock, Math.round(spot * 1.015));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fired).toEqual([]);
    moveNifty(engine, clock, Math.round(spot * 1.035));
    const [changed] = await waitUntil(() => (fired.length > 0 ? fired : undefined), { message: 'it fired at the new level' });
    expect(changed).toMatchObject({ id: alert.id, price: Math.round(spot * 1.03), triggeredPrice: engine.services.market.latest(indexId)!.lastPrice });
  });

  it('ends an alert whose contract passed its expiry close, and stops watching it', async () => {
    const { watch, userId, store, pool } = await setup();
    // Listed last week, expired yesterday (the engine's clock is at 2026-12-09 11:00 IST).
    const expired = 'NFO:NIFTY26D0824000CE';
    await pool.query(`INSERT INTO listed_instruments (id, definition, expiry, listed_on) VALUES ($1, '{}', '2026-12-08', '2026-12-01') ON CONFLICT (id) DO NOTHING`, [expired]);
    const alert = await store.create(userId, { instrumentId: expired, condition: 'ABOVE', price: 20_000, note: 'set before it expired' });
    const ended = await waitUntil(async () => (await store.listOf(userId)).find((each) => each.id === alert.id && each.status === 'EXPIRED'), { message: 'the alert ended' });
    expect(ended.expiredAt).toBe(TEST_START);
    expect(watch.watching).toBe(0);
  });

  it("reaches Telegram even when the engine's database listeners are reconnecting as it fires", async () => {
    const { engine, clock, watch, telegram, userId, store, pool } = await setup();
    const { indexId, spot } = niftySpot(engine);
    const above = await store.create(userId, { instrumentId: indexId, condition: 'ABOVE', price: Math.round(spot * 1.01), note: '' });
    await waitUntil(() => (watch.watching === 1 ? true : undefined), { message: 'the watch loaded the alert' });
    // Every LISTEN connection dropped (a network blip, a proxy's idle cut): they come back after a backoff.
    await pool.query(`SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = 'strikedesk-listen' AND datname = current_database()`);
    moveNifty(engine, clock, Math.round(spot * 1.012));
    const [message] = await waitUntil(() => (telegram.received.length > 0 ? telegram.received.map((message) => message.body) : undefined), { timeoutMs: 10_000, message: 'telegram got the alert' });
    expect(message?.text).toContain(`your alert at or above ${rupeesLabel(paise(above.price))}`);
  });
});
