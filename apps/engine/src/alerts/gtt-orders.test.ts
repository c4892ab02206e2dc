import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { FiredPriceAlert } from '@strikedesk/db/client';
import { paise, priceAlertClientOrderId, rupeesLabel, type Instrument } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { moveNifty, niftySpot } from '../testing/portfolio-fixtures.ts';
import { startPriceAlertFixtures } from '../testing/price-alert-fixtures.ts';
import { GttOrders } from './gtt-orders.ts';
import { placeGttOrder } from './place-gtt-order.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups.length = 0;
});

async function setup() {
  const fixtures = await startPriceAlertFixtures(cleanups);
  const { engine, trader } = fixtures;
  const future = engine.services.catalog.all
    .filter((instrument) => instrument.underlying === 'NIFTY' && instrument.kind === 'FUTURE')
    .sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? ''))[0] as Instrument;
  const futurePrice = () => engine.services.market.latest(future.id)!.lastPrice;
  const gttOrders = () => engine.services.state.ordersOf(trader.accountId).filter((order) => order.origin === 'GTT');
  return { ...fixtures, future, futurePrice, gttOrders };
}

const oneLot = (future: Instrument) => ({ side: 'BUY' as const, product: 'NRML' as const, type: 'MARKET' as const, quantity: future.lotSize, price: null });

describe('GTT orders', () => {
  it('places the order in the owner\'s account when the alert fires, once, and tells the terminal and Telegram what became of it', async () => {
    const { engine, clock, trader, telegram, told, store, startWatch, future, futurePrice, gttOrders } = await setup();
    const watch = await startWatch();
    const { spot } = niftySpot(engine);
    const level = paise(Math.round((futurePrice() * 1.005) / future.tickSize) * future.tickSize);
    const gtt = await store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: level, note: 'breakout', gtt: { accountId: trader.accountId, order: oneLot(future) } });
    await waitUntil(() => (watch.watching === 1 ? true : undefined), { message: 'the watch loaded the GTT' });

    moveNifty(engine, clock, Math.round(spot * 1.012));
    const [alert] = await waitUntil(() => (told.length > 0 ? told : undefined), { message: 'the GTT was told' });
    const [order] = await waitUntil(() => (gttOrders().length > 0 ? gttOrders() : undefined), { message: 'the GTT order' });
    expect(order).toMatchObject({ clientOrderId: priceAlertClientOrderId(gtt.id), instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: future.lotSize, origin: 'GTT' });
    expect(alert).toMatchObject({ id: gtt.id, status: 'TRIGGERED', orderOutcome: { kind: 'ORDER', orderId: order!.orderId, clientOrderId: order!.clientOrderId, reasonCode: null } });
    expect((await store.listOf(trader.userId))[0]?.orderOutcome).toEqual(alert!.orderOutcome);

    const [message] = await waitUntil(() => (telegram.received.length > 0 ? telegram.received.map((each) => each.body as { text: string }) : undefined), { timeoutMs: 10_000, message: 'telegram got the GTT' });
    expect(message?.text).toMatch(new RegExp(`^${future.displayName} traded at ₹[\\d,.]+: your alert at or above ${rupeesLabel(level).replace(/[.]/g, '\\.')} \\(breakout\\)\\. GTT BUY ${future.lotSize} NRML at market: order ${order!.orderId} placed \\(`));

    // Further moves: it fired once, told once, one order.
    moveNifty(engine, clock, Math.round(spot * 1.0));
    moveNifty(engine, clock, Math.round(spot * 1.02));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told.map((each) => each.id)).toEqual([gtt.id]);
    expect(gttOrders()).toHaveLength(1);
  });

  it('places no order for an owner who may no longer trade, and a risk-denied order is told with its reason', async () => {
    const { engine, clock, pool, trader, told, store, startWatch, future, futurePrice, gttOrders } = await setup();
    const watch = await startWatch();
    const { spot } = niftySpot(engine);
    const level = paise(Math.round((futurePrice() * 0.995) / future.tickSize) * future.tickSize);
    // A limit far above the market: the price band (fat-finger guard) denies it when placed.
    const farLimit = paise(Math.round((futurePrice() * 1.5) / future.tickSize) * future.tickSize);
    const denied = await store.create(trader.userId, { instrumentId: future.id, condition: 'BELOW', price: level, note: '', gtt: { accountId: trader.accountId, order: { ...oneLot(future), type: 'LIMIT', price: farLimit } } });
    await waitUntil(() => (watch.watching === 1 ? true : undefined), { message: 'the watch loaded the GTT' });
    moveNifty(engine, clock, Math.round(spot * 0.99));
    const [first] = await waitUntil(() => (told.length > 0 ? told : undefined), { message: 'the denied GTT was told' });
    expect(first).toMatchObject({ id: denied.id, orderOutcome: { kind: 'ORDER', status: 'DENIED', reasonCode: 'RISK_PRICE_BAND' } });
    expect(gttOrders().map((order) => order.status)).toEqual(['DENIED']);

    // Made view-only meanwhile: the next GTT fires, and nothing is placed.
    const viewer = await store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: paise(Math.round((futurePrice() * 1.005) / future.tickSize) * future.tickSize), note: '', gtt: { accountId: trader.accountId, order: oneLot(future) } });
    await pool.query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [trader.userId]);
    await waitUntil(() => (watch.watching === 1 ? true : undefined), { message: 'the watch loaded the second GTT' });
    moveNifty(engine, clock, Math.round(spot * 1.01));
    const second = await waitUntil(() => told.find((each) => each.id === viewer.id), { message: 'the refused GTT was told' });
    expect(second.orderOutcome).toEqual({ kind: 'NOT_PLACED', code: 'GTT_OWNER_CANNOT_TRADE', message: expect.stringContaining('not placed') });
    expect(gttOrders()).toHaveLength(1);
  });

  it('an OCO pair: the leg that fires places its order and cancels the other, which never fires', async () => {
    const { engine, clock, trader, told, store, startWatch, future, futurePrice, gttOrders } = await setup();
    const watch = await startWatch();
    const { spot } = niftySpot(engine);
    const onTick = (factor: number) => paise(Math.round((futurePrice() * factor) / future.tickSize) * future.tickSize);
    const sell = { ...oneLot(future), side: 'SELL' as const };
    const target = await store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: onTick(1.01), note: 'exit', gtt: { accountId: trader.accountId, order: sell }, oco: { price: onTick(0.99), order: sell } });
    await waitUntil(() => (watch.watching === 2 ? true : undefined), { message: 'the watch loaded both legs' });

    moveNifty(engine, clock, Math.round(spot * 0.98));
    const [stop] = await waitUntil(() => (told.length > 0 ? told : undefined), { message: 'the stop-loss leg was told' });
    expect(stop).toMatchObject({ id: target.ocoWith, condition: 'BELOW', orderOutcome: { kind: 'ORDER' } });
    expect((await store.listOf(trader.userId)).find((alert) => alert.id === target.id)?.status).toBe('CANCELLED');
    // Up through the target's level: cancelled with the fire, it never fires.
    moveNifty(engine, clock, Math.round(spot * 1.03));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told.map((each) => each.id)).toEqual([stop!.id]);
    expect(gttOrders().map((order) => order.side)).toEqual(['SELL']);
  });

  it('paces the orders of many GTTs fired by one move within the per-second order limit, rather than have some denied for good', async () => {
    const { engine, clock, trader, told, store, startWatch, future, futurePrice, gttOrders } = await setup();
    const watch = await startWatch();
    const { spot } = niftySpot(engine);
    const level = paise(Math.round((futurePrice() * 1.005) / future.tickSize) * future.tickSize);
    for (let index = 0; index < 12; index += 1) await store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: level, note: `#${index}`, gtt: { accountId: trader.accountId, order: oneLot(future) } });
    await waitUntil(() => (watch.watching === 12 ? true : undefined), { message: 'the watch loaded them' });
    moveNifty(engine, clock, Math.round(spot * 1.012));
    // Engine time moves on while they wait (the order-rate window is on the engine's clock).
    const ticking = setInterval(() => clock.advance(50), 20);
    try {
      await waitUntil(() => (told.length === 12 ? true : undefined), { timeoutMs: 15_000, message: 'all twelve told' });
    } finally {
      clearInterval(ticking);
    }
    expect(gttOrders()).toHaveLength(12);
    expect(gttOrders().filter((order) => order.status === 'DENIED').map((order) => order.reasonCode)).toEqual([]);
  });

  it('leaves a GTT unfinished, not refused, when the journal cannot take its order (it is tried again)', async () => {
    const { engine, clock, trader, told, store, future, futurePrice, placeDeps } = await setup();
    const far = paise(Math.round((futurePrice() * 2) / future.tickSize) * future.tickSize);
    const gtt = await store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: far, note: '', gtt: { accountId: trader.accountId, order: oneLot(future) } });
    const fired = (await store.trigger(gtt.id, far, clock.now())) as FiredPriceAlert;
    engine.services.writer.close(); // as at shutdown: the journal takes nothing more
    await expect(placeGttOrder(fired, placeDeps)).rejects.toMatchObject({ code: 'INTERNAL' });
    expect((await store.unplaced()).map((each) => each.id)).toEqual([gtt.id]);
    expect(told).toEqual([]);
  });

  it('does not place the order of a GTT already finished when an older read of it comes round again', async () => {
    const { clock, trader, store, future, futurePrice, placeDeps, gttOrders } = await setup();
    const far = paise(Math.round((futurePrice() * 2) / future.tickSize) * future.tickSize);
    const gtt = await store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: far, note: '', gtt: { accountId: trader.accountId, order: oneLot(future) } });
    const fired = (await store.trigger(gtt.id, far, clock.now())) as FiredPriceAlert;
    const finisher = new GttOrders({ store, place: (alert) => placeGttOrder(alert, placeDeps), logger: pino({ level: 'silent' }) });
    // Finished as not placed (the owner could not trade then)...
    expect(await finisher.finish({ ...fired, ownerCanTrade: false })).toBe(true);
    // ...and the row as read before that comes round again (a resume working from an older list).
    expect(await finisher.finish(fired)).toBe(true);
    expect(gttOrders()).toEqual([]);
    expect((await store.listOf(trader.userId))[0]?.orderOutcome).toMatchObject({ kind: 'NOT_PLACED', code: 'GTT_OWNER_CANNOT_TRADE' });
  });

  it('finishes at start a GTT fired before a stop: placed when recent, found again when already placed, not placed when late', async () => {
    const { clock, trader, told, store, startWatch, future, futurePrice, gttOrders, placeDeps } = await setup();
    const order = oneLot(future);
    // Far from the price, so that only a start-up's finishing touches them: the fires happen "before the stop".
    const far = paise(Math.round((futurePrice() * 2) / future.tickSize) * future.tickSize);
    const create = () => store.create(trader.userId, { instrumentId: future.id, condition: 'ABOVE', price: far, note: '', gtt: { accountId: trader.accountId, order } });
    const [recent, alreadyPlaced, late] = [await create(), await create(), await create()];
    const fire = (id: typeof recent.id, at: number) => store.trigger(id, far, at) as Promise<FiredPriceAlert>;
    await fire(recent.id, clock.now() - 5_000);
    // The order went out, then the engine stopped before its outcome was recorded.
    const firstTry = await placeGttOrder(await fire(alreadyPlaced.id, clock.now() - 2_000), placeDeps);
    await fire(late.id, clock.now() - 61_000);
    expect(told).toEqual([]);

    await startWatch();
    await waitUntil(() => (told.length === 3 ? true : undefined), { message: 'all three finished' });
    const outcome = (id: string) => told.find((each) => each.id === id)?.orderOutcome;
    expect(outcome(recent.id)).toMatchObject({ kind: 'ORDER', clientOrderId: priceAlertClientOrderId(recent.id) });
    expect(outcome(alreadyPlaced.id)).toEqual(firstTry);
    expect(outcome(late.id)).toMatchObject({ kind: 'NOT_PLACED', code: 'GTT_ORDER_TOO_LATE' });
    expect(gttOrders().map((each) => each.clientOrderId).sort()).toEqual([priceAlertClientOrderId(recent.id), priceAlertClientOrderId(alreadyPlaced.id)].sort());
    // A second start finds nothing left to finish.
    await startWatch();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(told).toHaveLength(3);
  });
});
