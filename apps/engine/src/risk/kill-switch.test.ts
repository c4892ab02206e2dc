import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, type AccountId, type EntryOrigin, type Instrument, type Order, type PlaceOrderInput, type UserId } from '@strikedesk/domain';
import type { TestDatabase } from '@strikedesk/db/testing';
import type { RunningEngine } from '../engine.ts';
import { ACCOUNT_A, ACCOUNT_B, ManualClock, TEST_START, USER_A, USER_B, createTestDatabase, restingBuyPrice, startTestEngine } from '../testing/test-engine.ts';

let database: TestDatabase;
let engine: RunningEngine;
const clock = new ManualClock(TEST_START);

beforeAll(async () => {
  database = await createTestDatabase();
  engine = await startTestEngine(database, clock);
});
afterAll(async () => {
  await engine?.close();
  await database?.drop();
});

const future = (): Instrument => engine.services.catalog.chains[0]!.future!;
const submit = (order: Partial<PlaceOrderInput>, account: AccountId = ACCOUNT_A, user: UserId = USER_A, origin: EntryOrigin = 'TERMINAL'): Promise<Order> => {
  clock.advance(200);
  return engine.services.orders.submit({
    accountId: account,
    userId: user,
    origin,
    order: { instrumentId: future().id, side: 'BUY', type: 'MARKET', product: 'NRML', quantity: 65, price: null, triggerPrice: null, ...order },
  });
};
const netOf = (account: AccountId) => engine.services.state.positionsOf(account).reduce((sum, position) => sum + Math.abs(position.netQuantity), 0);

describe('kill switch', () => {
  it('on one account: cancels its open orders, flattens it, blocks every new order of it (webhook and API too), records who, when and why', async () => {
    await submit({ quantity: 130 }); // long 2 lots
    await submit({ side: 'SELL', quantity: 65, product: 'MIS' }); // short 1 lot MIS
    const resting = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future().id) });
    expect(resting.status).toBe('OPEN');
    const otherResting = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future().id) }, ACCOUNT_B, USER_B);

    const halt = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'runaway strategy', flatten: true } });
    expect(halt).toMatchObject({ scope: 'ACCOUNT', accountId: ACCOUNT_A, kind: 'KILL_SWITCH', reason: 'runaway strategy', engagedBy: USER_A, releasedAt: null });
    expect(halt.details['canceledOrderIds']).toEqual([resting.orderId]);
    expect(halt.details['exitOrderIds']).toHaveLength(2);
    expect(engine.services.state.order(resting.orderId)?.status).toBe('CANCELED');
    for (const exitId of halt.details['exitOrderIds'] as string[]) expect(engine.services.state.order(exitId)).toMatchObject({ origin: 'KILL_SWITCH', status: 'FILLED' });
    expect(netOf(ACCOUNT_A)).toBe(0);

    for (const origin of ['TERMINAL', 'WEBHOOK', 'API', 'STRATEGY'] as const) {
      const blocked = await submit({}, ACCOUNT_A, USER_A, origin);
      expect(blocked).toMatchObject({ status: 'DENIED', reasonCode: 'KILL_SWITCH_ENGAGED' });
      expect(blocked.reasonMessage).toContain('runaway strategy');
    }
    // Another account is untouched.
    expect(engine.services.state.order(otherResting.orderId)?.status).toBe('OPEN');
    expect((await submit({}, ACCOUNT_B, USER_B)).status).toBe('FILLED');

    // Until an admin releases it; then orders flow again.
    const released = await engine.services.killSwitch.release({ userId: USER_B, release: { haltId: halt.id, note: 'strategy fixed' } });
    expect(released).toMatchObject({ releasedBy: USER_B, releaseNote: 'strategy fixed' });
    expect(released.releasedAt).not.toBeNull();
    expect((await submit({})).status).toBe('FILLED');
    await expect(engine.services.killSwitch.release({ userId: USER_B, release: { haltId: halt.id, note: 'again' } })).rejects.toMatchObject({ code: 'HALT_NOT_FOUND' });
  });

  it('global: blocks every account until released, and survives an engine restart', async () => {
    const halt = await engine.services.killSwitch.engage({ accountId: ACCOUNT_A, userId: USER_A, halt: { scope: 'GLOBAL', reason: 'exchange glitch', flatten: false } });
    expect(halt).toMatchObject({ scope: 'GLOBAL', accountId: null });
    expect((await submit({}, ACCOUNT_B, USER_B)).reasonCode).toBe('KILL_SWITCH_ENGAGED');

    await engine.close();
    engine = await startTestEngine(database, clock);
    expect(engine.services.halts.active().map((active) => active.id)).toEqual([halt.id]);
    expect((await submit({}, ACCOUNT_B, USER_B)).reasonCode).toBe('KILL_SWITCH_ENGAGED');
    // Exits still pass: a trader can always get out.
    await engine.services.orders.squareOff({ accountId: ACCOUNT_B, userId: USER_B });
    expect(netOf(ACCOUNT_B)).toBe(0);
    await engine.services.killSwitch.release({ userId: USER_A, release: { haltId: halt.id, note: 'all clear' } });
    expect((await submit({}, ACCOUNT_B, USER_B)).status).toBe('FILLED');
  });

  it('engaging again reuses the active halt and records the new request and what it did', async () => {
    const resting = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future().id), quantity: 130 }, ACCOUNT_B, USER_B);
    // Two clicks at once: one halt.
    const [first, twin] = await Promise.all([
      engine.services.killSwitch.engage({ accountId: ACCOUNT_B, userId: USER_B, halt: { scope: 'ACCOUNT', reason: 'pause', flatten: false } }),
      engine.services.killSwitch.engage({ accountId: ACCOUNT_B, userId: USER_B, halt: { scope: 'ACCOUNT', reason: 'pause', flatten: false } }),
    ]);
    expect(twin.id).toBe(first.id);
    expect(engine.services.halts.active(ACCOUNT_B).filter((halt) => halt.kind === 'KILL_SWITCH')).toHaveLength(1);
    expect(netOf(ACCOUNT_B)).toBeGreaterThan(0);
    expect(engine.services.state.order(resting.orderId)?.status).toBe('CANCELED');
    const second = await engine.services.killSwitch.engage({ accountId: ACCOUNT_B, userId: USER_A, halt: { scope: 'ACCOUNT', reason: 'pause and flatten', flatten: true } });
    expect(second.id).toBe(first.id);
    expect(second.details['exitOrderIds']).toHaveLength(1);
    expect(second.details['reengaged']).toEqual([
      expect.objectContaining({ by: USER_B, reason: 'pause', flatten: false }),
      expect.objectContaining({ by: USER_A, reason: 'pause and flatten', flatten: true }),
    ]);
    expect(netOf(ACCOUNT_B)).toBe(0);
    await engine.services.killSwitch.release({ userId: USER_A, release: { haltId: first.id, note: 'done' } });
  });

  it('during a halt that cancels nothing (reconciliation), an order can be shrunk or cancelled, never enlarged or repriced', async () => {
    const resting = await submit({ type: 'LIMIT', price: restingBuyPrice(engine, future().id), quantity: 195 }, ACCOUNT_B, USER_B);
    const halt = await engine.services.halts.engage({ scope: 'ACCOUNT', accountId: ACCOUNT_B, kind: 'RECONCILIATION', reason: 'unknown order PB-9 at the broker', flatten: false, engagedBy: null });
    const modify = (change: { quantity?: number; price?: number }) =>
      engine.services.orders.modify({ accountId: ACCOUNT_B, userId: USER_B, modify: { orderId: resting.orderId, ...change } as never }).catch((error: unknown) => error);
    const enlarged = await modify({ quantity: 260 });
    expect(enlarged).toMatchObject({ code: 'ACCOUNT_BLOCKED_RECONCILIATION' });
    expect((enlarged as Error).message).toMatch(/since \d{4}-\d{2}-\d{2} \d{2}:\d{2} IST: unknown order PB-9/);
    expect(await modify({ price: resting.price! - 5 })).toMatchObject({ code: 'ACCOUNT_BLOCKED_RECONCILIATION' });
    expect(await modify({ quantity: 65 })).toMatchObject({ status: 'OPEN', quantity: 65 });
    expect(await engine.services.orders.cancel({ accountId: ACCOUNT_B, userId: USER_B, cancel: { orderId: resting.orderId } })).toMatchObject({ status: 'CANCELED' });
    await engine.services.killSwitch.release({ userId: USER_A, release: { haltId: halt.id, note: 'explained' } });
  });

  it('square-off on request: nothing to square off is a clear error', async () => {
    const error = await engine.services.orders.squareOff({ accountId: ACCOUNT_B, userId: USER_B }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('NOTHING_TO_SQUARE_OFF');
  });
});
