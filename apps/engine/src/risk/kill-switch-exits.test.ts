import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '@strikedesk/domain/testing';
import { ScriptedBroker } from '../testing/scripted-broker.ts';
import { acceptRequest, placeAnswered } from '../testing/scripted-orders.ts';
import { startScriptedEngine } from '../testing/scripted-engine.ts';
import { ACCOUNT_A, USER_A, USER_B } from '../testing/test-engine.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const { engine, broker } = await startScriptedEngine(cleanups);
  const lot = engine.services.catalog.chains[0]!.future.lotSize;
  await placeAnswered(engine, broker, ACCOUNT_A, USER_A, {}, 2 * lot); // long 2 lots
  return { engine, broker, lot };
}

const canceledIds = (broker: ScriptedBroker) => broker.canceled.map((request) => request.clientOrderId);

describe('the kill switch and the exits already working', () => {
  it("without flatten, leaves a trader's square-off working (it takes the account out) and cancels the rest", async () => {
    const { engine, broker } = await setup();
    const before = broker.placed.length;
    const squaring = engine.services.orders.squareOff({ accountId: ACCOUNT_A, userId: USER_A });
    const exit = await waitUntil(() => broker.placed[before], { message: 'square-off sent' });
    acceptRequest(broker, exit); // a thin book: the MARKET exit waits for depth
    await squaring;

    const halt = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'stop everything', flatten: false } });
    expect(canceledIds(broker)).not.toContain(exit.clientOrderId);
    expect(halt.details['canceledOrderIds']).toEqual([]);
    expect(engine.services.state.findByClientOrderId(ACCOUNT_A, exit.clientOrderId)?.status).toBe('OPEN');
  });

  it("flattening globally while an account's own kill switch flatten works, sends no second exit and cancels none", async () => {
    const { engine, broker, lot } = await setup();
    let before = broker.placed.length;
    const own = engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway', flatten: true } });
    const first = await waitUntil(() => broker.placed[before], { message: 'account flatten exit' });
    expect(first).toMatchObject({ side: 'SELL', quantity: 2 * lot });
    acceptRequest(broker, first); // working, not filled yet
    await own;

    before = broker.placed.length;
    const global = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_B, halt: { scope: 'GLOBAL', reason: 'exchange glitch', flatten: true } });
    expect(broker.placed.slice(before)).toEqual([]);
    expect(canceledIds(broker)).not.toContain(first.clientOrderId);
    expect(global.details['exitOrderIds']).toEqual([]);
    expect(engine.services.state.findByClientOrderId(ACCOUNT_A, first.clientOrderId)?.status).toBe('OPEN');
  });
});
