import { afterEach, describe, expect, it } from 'vitest';
import type { BrokerOrderRequest } from '../brokers/broker.ts';
import { waitUntil } from '@strikedesk/domain/testing';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { agreeingBooks } from '../testing/agreeing-books.ts';
import { acceptRequest, fillRequest, placeAnswered } from '../testing/scripted-orders.ts';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { ACCOUNT_A, restingBuyPrice, restingSellPrice, USER_A } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const { engine, broker, clock } = await startScriptedEngine(cleanups);
  broker.booksSource = () => agreeingBooks(engine.services.state);
  const future = engine.services.catalog.chains[0]!.future;
  const net = () => engine.services.state.netQuantity(ACCOUNT_A, future.id, 'NRML');
  /** The broker's next new order request after `before` requests. */
  const nextRequest = (before: number, message: string): Promise<BrokerOrderRequest> => waitUntil(() => broker.placed[before], { message });
  /**
   * A pass that finds a position open, then a look at the broker's books (what the pass asked
   * for), then the pass that may act on it: the books must confirm what the journal says first.
   */
  const confirmedPass = async (): Promise<number> => {
    expect(await engine.services.keepFlat.check()).toBe(0);
    await engine.services.reconciler.run(false);
    return engine.services.keepFlat.check();
  };
  /** Until nothing of account A works any more (the refused exit is journaled). */
  const nothingWorking = (message: string) => waitUntil(() => (engine.services.state.openOrdersOf(ACCOUNT_A).length === 0 ? true : undefined), { message });
  /** Long 2 lots, then a kill switch with flatten whose exit the broker refuses: the position stays open under the halt. */
  const killSwitchWithRefusedExit = async (): Promise<void> => {
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * future.lotSize);
    const before = broker.placed.length;
    const engaging = engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
    reject(broker, await nextRequest(before, 'flatten exit'));
    await engaging;
    await nothingWorking('flatten exit rejected');
  };
  return { engine, broker, clock, future, lot: future.lotSize, net, nextRequest, confirmedPass, nothingWorking, killSwitchWithRefusedExit };
}

const reject = (broker: ScriptedBroker, request: BrokerOrderRequest) =>
  broker.emit({ kind: 'rejected', accountId: request.accountId, clientOrderId: request.clientOrderId, reasonCode: 'BROKER_REJECTED', reasonMessage: 'RMS: blocked (test).' });

describe('a flattening halt keeps the account flat', () => {
  it("closes the over-close left by an exit the broker could not cancel in time, once, and records it on the halt", async () => {
    const { engine, broker, clock, lot, net, nextRequest, confirmedPass } = await setup();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot); // long 2 lots

    // The trader squares off; the MARKET exit is accepted and waits (thin book).
    let before = broker.placed.length;
    const squaring = engine.services.orders.squareOff({ accountId: ACCOUNT_A, userId: USER_A });
    const squareOff = await nextRequest(before, 'square-off sent');
    acceptRequest(broker, squareOff);
    await squaring;

    // The kill switch asks to cancel it; the broker never confirms, so after its grace period the
    // flatten sends its own exit for the whole position (it counts no working exit: ADR 0011).
    before = broker.placed.length;
    const halt = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
    expect(broker.canceled.map((request) => request.clientOrderId)).toContain(squareOff.clientOrderId);
    const killExit = await nextRequest(before, 'kill switch exit sent');
    expect(killExit).toMatchObject({ side: 'SELL', quantity: 2 * lot });
    acceptRequest(broker, killExit);
    fillRequest(broker, killExit, 2 * lot);
    fillRequest(broker, squareOff, 2 * lot); // the exit that could not be cancelled fills too
    await waitUntil(() => (net() === -2 * lot ? true : undefined), { message: 'over-closed' });

    // Short 2 lots the trader never wanted: once the broker's books confirm it, they are bought back.
    before = broker.placed.length;
    expect(await confirmedPass()).toBe(1);
    const buyBack = broker.placed[before]!;
    expect(buyBack).toMatchObject({ side: 'BUY', quantity: 2 * lot, type: 'MARKET' });
    const buyBackOrder = engine.services.state.findByClientOrderId(ACCOUNT_A, buyBack.clientOrderId)!;
    expect(buyBackOrder.origin).toBe('KILL_SWITCH');
    const recorded = engine.services.halts.active(ACCOUNT_A).find((each) => each.id === halt.id)!.details['keptFlat'] as { exitOrderIds: string[] }[];
    expect(recorded.flatMap((entry) => entry.exitOrderIds)).toEqual([buyBackOrder.orderId]);

    // While that exit works nothing more goes out, however often the pass runs.
    clock.advance(30_000);
    expect(await engine.services.keepFlat.check()).toBe(0);
    acceptRequest(broker, buyBack);
    fillRequest(broker, buyBack, 2 * lot);
    await waitUntil(() => (net() === 0 ? true : undefined), { message: 'flat again' });
    clock.advance(30_000);
    expect(await engine.services.keepFlat.check()).toBe(0);
    expect(broker.placed.length).toBe(before + 1);
  });

  it('waits for a flatten that is running (the halt\'s own) instead of sending a second exit beside it', async () => {
    const { engine, broker, lot, net, confirmedPass } = await setup();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot); // long 2 lots, nothing working on it
    const option = engine.services.catalog.chains[0]!.expiries[0]!.strikes[40]!.call;
    const resting = await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { instrumentId: option.id, type: 'LIMIT', price: restingBuyPrice(engine, option.id), quantity: option.lotSize });

    // The kill switch waits (up to 3 s) for the resting order's cancel, which the broker never confirms.
    const before = broker.placed.length;
    const engaging = engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
    await waitUntil(() => (broker.canceled.some((request) => request.clientOrderId === resting.clientOrderId) ? true : undefined), { message: 'cancel asked' });
    expect(await confirmedPass()).toBe(0); // the books confirm the position, but the halt's flatten is on it
    await engaging;
    const exits = broker.placed.slice(before);
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ side: 'SELL', quantity: 2 * lot });
    expect(net()).toBe(2 * lot);
  });

  it('retries a refused exit at most three times, ten seconds apart, then leaves the position to a person', async () => {
    const { engine, broker, clock, lot, net, nextRequest, confirmedPass, nothingWorking, killSwitchWithRefusedExit } = await setup();
    await killSwitchWithRefusedExit();

    let before = broker.placed.length;
    expect(await confirmedPass()).toBe(1);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      reject(broker, await nextRequest(before, `exit ${attempt}`));
      await nothingWorking('exit rejected');
      before = broker.placed.length;
      expect(await confirmedPass()).toBe(0); // confirmed again, but not 10 s after the last exit yet
      clock.advance(10_000);
      expect(await engine.services.keepFlat.check()).toBe(attempt < 3 ? 1 : 0);
    }
    expect(broker.placed.length).toBe(before);
    expect(net()).toBe(2 * lot);
  });

  it('acts only under a halt that flattens, and not on positions reconciliation disputes; a daily-loss stop closes with RISK exits', async () => {
    const { engine, broker, lot, nextRequest, confirmedPass } = await setup();
    const { halts } = engine.services;
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot);

    // A kill switch without flatten only stops new orders.
    const stop = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'pause', flatten: false } });
    await engine.services.reconciler.run(false);
    expect(await engine.services.keepFlat.check()).toBe(0);
    await halts.release(stop.id, USER_A, 'done');

    // A daily-loss stop whose square-off never ran (the engine stopped right after recording it),
    // on an account whose positions reconciliation disputes: left alone until that is settled.
    await halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'loss', flatten: true, engagedBy: null });
    const dispute = await halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'RECONCILIATION', reason: 'unexplained position', flatten: false, engagedBy: null });
    await engine.services.reconciler.run(false);
    expect(await engine.services.keepFlat.check()).toBe(0);
    await halts.release(dispute.id, USER_A, 'checked');

    const before = broker.placed.length;
    expect(await confirmedPass()).toBe(1);
    const exit = await nextRequest(before, 'daily-loss exit');
    expect(exit).toMatchObject({ side: 'SELL', quantity: 2 * lot });
    expect(engine.services.state.findByClientOrderId(ACCOUNT_A, exit.clientOrderId)?.origin).toBe('RISK');
  });

  it("does not act on a position the broker's books contradict (closed in the broker's own terminal): reconciliation blocks the account, nothing is sent", async () => {
    const { engine, broker, clock, killSwitchWithRefusedExit } = await setup();
    await killSwitchWithRefusedExit();

    // The trader sold the 2 lots in the broker's own terminal: the books show nothing held.
    broker.booksSource = () => {
      const books = agreeingBooks(engine.services.state);
      return { ...books, positions: books.positions.map((position) => ({ ...position, netQuantity: 0 })) };
    };
    const before = broker.placed.length;
    expect(await engine.services.keepFlat.check()).toBe(0);
    await engine.services.reconciler.run(false);
    expect(engine.services.halts.find('ACCOUNT', ACCOUNT_A, 'RECONCILIATION')).toBeDefined();
    clock.advance(10_000);
    expect(await engine.services.keepFlat.check()).toBe(0);
    expect(broker.placed.length).toBe(before);
  });

  it("a trader's own order resting on the position does not keep it open under the halt: it is cancelled and the exit sent", async () => {
    const { engine, broker, lot, future, nextRequest, confirmedPass } = await setup();
    await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot);
    await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'DAILY_LOSS', reason: 'loss', flatten: true, engagedBy: null });
    // Reducing, so the daily-loss stop lets it through; it rests far above the market.
    const resting = await placeAnswered(engine, broker, ACCOUNT_A, USER_A, { side: 'SELL', type: 'LIMIT', price: restingSellPrice(engine, future.id), quantity: lot });
    expect(resting.status).toBe('OPEN');

    const before = broker.placed.length;
    expect(await confirmedPass()).toBe(1);
    expect(broker.canceled.map((request) => request.clientOrderId)).toContain(resting.clientOrderId);
    expect(await nextRequest(before, 'exit')).toMatchObject({ side: 'SELL', quantity: 2 * lot, type: 'MARKET' });
  });
});
