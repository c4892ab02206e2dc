import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import type { RunningEngine } from '../engine.ts';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { acceptRequest, fillRequest, placeAnswered } from '../testing/scripted-orders.ts';
import { ACCOUNT_A, ACCOUNT_B, createTestDatabase, ManualClock, restingBuyPrice, startTestEngine, TEST_START, USER_A, USER_B } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const setup = () => startScriptedEngine(cleanups);

/** Default paper venue: a kill switch with flatten on a position larger than the book's displayed depth. */
async function flattenBeyondDepth() {
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  const clock = new ManualClock(TEST_START);
  const paperEngine: RunningEngine = await startTestEngine(database, clock);
  cleanups.push(() => paperEngine.close());
  const engine = paperEngine;
  const future = engine.services.catalog.chains[0]!.future;
  const net = () => engine.services.state.positionsOf(ACCOUNT_A).reduce((sum, position) => sum + position.netQuantity, 0);
  const target = 150 * future.lotSize; // ~2x the five bid levels
  while (net() < target) {
    await engine.services.orders.submit({ accountId: ACCOUNT_A, userId: USER_A, origin: 'TERMINAL', order: { instrumentId: future.id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: target - net(), price: null, triggerPrice: null } });
    clock.advance(1_000);
    engine.runner.stepNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const halt = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
  const afterEngage = net();
  await engine.services.killSwitch.sweep(); // the 2 s timer fires while the exits wait for depth
  for (let step = 0; step < 10; step += 1) {
    clock.advance(1_000);
    engine.runner.stepNow();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const canceledExits = engine.services.state.ordersOf(ACCOUNT_A, 0).filter((order) => order.origin === 'KILL_SWITCH' && order.status === 'CANCELED').length;
  const exits = engine.services.state.ordersOf(ACCOUNT_A, 0).filter((order) => order.origin === 'KILL_SWITCH');
  return { afterEngage, final: net(), canceledExits, exitSlices: exits.length, recordedExits: [...(halt.details['exitOrderIds'] as string[])].sort(), exitIds: exits.map((order) => order.orderId).sort() };
}

const netOf = (engine: RunningEngine) => engine.services.state.positionsOf(ACCOUNT_A).reduce((sum, position) => sum + position.netQuantity, 0);

describe('the kill switch sweep (every 2 s while engaged)', () => {
  it("does not cancel the kill switch's own square-off (a MARKET exit accepted but not yet filled)", async () => {
    const { engine, broker } = await setup();
    const lot = engine.services.catalog.chains[0]!.future.lotSize;
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot); // long 2 lots
    expect(netOf(engine)).toBe(2 * lot);

    const before = broker.placed.length;
    const engaging = engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
    const exitRequest = await waitUntil(() => broker.placed[before], { message: 'exit sent' });
    acceptRequest(broker, exitRequest); // the venue took the MARKET exit; it has not filled yet (thin book / Kite market protection)
    const halt = await engaging;
    const [exitId] = halt.details['exitOrderIds'] as string[];
    expect(engine.services.state.order(exitId!)).toMatchObject({ origin: 'KILL_SWITCH', type: 'MARKET', status: 'OPEN' });

    await engine.services.killSwitch.sweep(); // what the 2 s timer runs

    // The exit must stay working so the position closes.
    expect(broker.canceled.map((request) => request.clientOrderId)).not.toContain(exitRequest.clientOrderId);
    expect(engine.services.state.order(exitId!)?.status).toBe('OPEN');
  });

  it("does not cancel the remainder of a trader's square-off during a halt (square-off still works during a halt)", async () => {
    const { engine, broker } = await setup();
    const lot = engine.services.catalog.chains[0]!.future.lotSize;
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot);
    await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'stop', flatten: false } });

    const before = broker.placed.length;
    const squaring = engine.services.orders.squareOff({ accountId: ACCOUNT_A, userId: USER_A });
    const exitRequest = await waitUntil(() => broker.placed[before], { message: 'square-off sent' });
    acceptRequest(broker, exitRequest);
    fillRequest(broker, exitRequest, lot); // the depth covered one lot; the rest keeps working (paper venue: next ticks)
    const { exits } = await squaring;
    await waitUntil(() => (engine.services.state.order(exits[0]!.orderId)?.status === 'PARTIALLY_FILLED' ? true : undefined), { message: 'part-filled' });

    await engine.services.killSwitch.sweep();

    expect(broker.canceled.map((request) => request.clientOrderId)).not.toContain(exitRequest.clientOrderId);
    expect(engine.services.state.order(exits[0]!.orderId)?.status).toBe('PARTIALLY_FILLED');
  });

  it('does not cancel an order placed after the halt was released while the sweep was still going through accounts', async () => {
    const { engine, broker } = await setup();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 130); // both accounts known to the engine (A first)
    await placeAnswered(engine, broker, ACCOUNT_B, USER_B, {}, 130);
    const halt = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'GLOBAL', reason: 'exchange glitch', flatten: false } });

    // Account A is busy for a moment (a long command under its lock); the sweep waits there.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const busy = engine.services.orders.withAccount(ACCOUNT_A, () => gate);
    const sweeping = engine.services.killSwitch.sweep();

    // Meanwhile an admin releases the halt and trader B places a fresh order.
    await engine.services.killSwitch.release({ userId: USER_A, release: { haltId: halt.id, note: 'all clear' } });
    const future = engine.services.catalog.chains[0]!.future;
    const fresh = await placeAnswered(engine, broker, ACCOUNT_B, USER_B, { type: 'LIMIT', price: restingBuyPrice(engine, future.id) });
    expect(fresh.status).toBe('OPEN');

    openGate();
    await busy;
    await sweeping;
    expect(engine.services.state.order(fresh.orderId)?.status).toBe('OPEN');
    expect(broker.canceled.map((request) => request.clientOrderId)).not.toContain(fresh.clientOrderId);
  });
  it('leaves the exits of a flatten bigger than the paper book working until the account is flat', async () => {
    const result = await flattenBeyondDepth();
    expect(result.afterEngage).toBeGreaterThan(0); // the book's depth did not cover it at once
    expect(result).toMatchObject({ final: 0, canceledExits: 0 });
    // Above the freeze quantity the exit went out in slices; the halt's record names every one.
    expect(result.exitSlices).toBeGreaterThan(1);
    expect(result.recordedExits).toEqual(result.exitIds);
  });
});
