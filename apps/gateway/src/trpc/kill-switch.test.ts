import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { ERROR_CODES, type TradingHalt } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let traderA: GatewayClient;
let traderB: GatewayClient;
let viewer: GatewayClient;
let admin: GatewayClient;
let option: TradableOption;
const openSockets: Socket[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  [traderA, traderB, viewer, admin] = await Promise.all([
    signedInUser(stack, 'halt-a', 'trader'),
    signedInUser(stack, 'halt-b', 'trader'),
    signedInUser(stack, 'halt-viewer', 'viewer'),
    signedInAdmin(stack),
  ]);
  option = await pickTradableOption(traderA);
}, 60_000);
afterEach(async () => {
  for (const socket of openSockets.splice(0)) socket.disconnect();
  // Every test starts with trading open: release whatever a failed test left engaged.
  for (const halt of await admin.trpc.admin.halts.active.query()) {
    await admin.trpc.admin.halts.release.mutate({ haltId: halt.id, note: 'test cleanup' });
  }
});
afterAll(async () => {
  await stack?.close();
});

async function open(client: GatewayClient): Promise<{ socket: Socket; halts: TradingHalt[] }> {
  const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token: client.state.token }, transports: ['websocket'], reconnection: false });
  openSockets.push(socket);
  const halts: TradingHalt[] = [];
  socket.on('halt', (halt: TradingHalt) => halts.push(halt));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, halts };
}

describe('killSwitch.engage by a trader', () => {
  it("halts that trader's account only: open orders cancelled, new orders DENIED, others trade on; an admin release restores it", async () => {
    const meA = await traderA.trpc.auth.me.query();
    const resting = await traderA.trpc.orders.place.mutate(restingBuy(option));
    expect(resting.status).toBe('OPEN');

    const halt = await traderA.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'fat finger on the desk', flatten: false });
    expect(halt).toMatchObject({ scope: 'ACCOUNT', accountId: meA.accountId, kind: 'KILL_SWITCH', reason: 'fat finger on the desk', engagedBy: meA.userId, releasedAt: null });
    expect(halt.details['canceledOrderIds']).toEqual([resting.orderId]);
    await waitUntil(async () => (await traderA.trpc.orders.list.query()).find((order) => order.orderId === resting.orderId && order.status === 'CANCELED'), {
      message: 'the resting order cancelled by the kill switch',
    });

    expect(await traderA.trpc.halts.active.query()).toEqual([halt]);
    expect(await traderB.trpc.halts.active.query()).toEqual([]);

    const refused = await traderA.trpc.orders.place.mutate(marketBuy(option));
    expect(refused).toMatchObject({ status: 'DENIED', reasonCode: 'KILL_SWITCH_ENGAGED' });
    expect(refused.reasonMessage).toContain(ERROR_CODES.KILL_SWITCH_ENGAGED);
    expect(refused.reasonMessage).toContain('fat finger on the desk');
    expect((await traderB.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');

    const released = await admin.trpc.admin.halts.release.mutate({ haltId: halt.id, note: 'checked with the trader' });
    const adminMe = await admin.trpc.auth.me.query();
    expect(released).toMatchObject({ id: halt.id, releasedBy: adminMe.userId, releaseNote: 'checked with the trader' });
    expect(released.releasedAt).not.toBeNull();
    expect(await traderA.trpc.halts.active.query()).toEqual([]);
    expect((await traderA.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');

    // Released is final: releasing again is HALT_NOT_FOUND, and the audit trail keeps both states' author.
    expect(await failureOf(admin.trpc.admin.halts.release.mutate({ haltId: halt.id, note: 'again' }))).toMatchObject({ code: 'NOT_FOUND', appCode: 'HALT_NOT_FOUND' });
    const [latest] = await admin.trpc.admin.halts.recent.query({ accountId: meA.accountId, limit: 5 });
    expect(latest).toMatchObject({ id: halt.id, engagedBy: meA.userId, releasedBy: adminMe.userId });
  });

  it('with flatten squares the account off', async () => {
    await traderA.trpc.orders.place.mutate(marketBuy(option));
    const key = (p: { instrumentId: string; product: string }) => `${p.instrumentId}|${p.product}`;
    const before = (await traderA.trpc.positions.list.query()).find((p) => key(p) === key({ instrumentId: option.instrument.id, product: 'MIS' }));
    expect(before?.netQuantity).toBeGreaterThan(0);

    const halt = await traderA.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'flatten everything', flatten: true });
    expect(halt.flatten).toBe(true);
    expect(halt.details['exitOrderIds']).toHaveLength(1);
    await waitUntil(async () => (await traderA.trpc.positions.list.query()).every((p) => p.netQuantity === 0), { message: 'flat after the kill switch' });
    const exits = (await traderA.trpc.orders.list.query()).filter((order) => order.origin === 'KILL_SWITCH');
    expect(exits.map((order) => order.orderId)).toEqual(halt.details['exitOrderIds']);
    expect(exits[0]).toMatchObject({ side: 'SELL', type: 'MARKET', quantity: before?.netQuantity, status: 'FILLED' });
  });
});

describe('while halted', () => {
  it('a trader can still square off: exits reduce risk', async () => {
    await traderA.trpc.orders.place.mutate(marketBuy(option));
    await traderA.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'halted, then get out' });
    expect(await traderA.trpc.orders.place.mutate(marketBuy(option))).toMatchObject({ status: 'DENIED', reasonCode: 'KILL_SWITCH_ENGAGED' });
    const { exits } = await traderA.trpc.positions.squareOff.mutate({});
    expect(exits).toHaveLength(1);
    expect(exits[0]).toMatchObject({ origin: 'SQUARE_OFF', side: 'SELL', status: 'FILLED' });
    expect((await traderA.trpc.positions.list.query()).every((p) => p.netQuantity === 0)).toBe(true);
  });
});

describe('a GLOBAL kill switch', () => {
  it('is admin-only; engaged by an admin it blocks every account until released', async () => {
    const traderGlobal = await failureOf(traderA.trpc.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'market is crazy' }));
    expect(traderGlobal).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    expect(await admin.trpc.admin.halts.active.query()).toEqual([]);

    const halt = await admin.trpc.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'exchange outage' });
    expect(halt).toMatchObject({ scope: 'GLOBAL', accountId: null, kind: 'KILL_SWITCH' });
    for (const client of [traderA, traderB, admin]) {
      expect(await client.trpc.halts.active.query()).toEqual([halt]);
      expect(await client.trpc.orders.place.mutate(marketBuy(option))).toMatchObject({ status: 'DENIED', reasonCode: 'KILL_SWITCH_ENGAGED' });
    }
    await admin.trpc.admin.halts.release.mutate({ haltId: halt.id, note: 'exchange is back' });
    for (const client of [traderA, traderB]) expect((await client.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');
  });
});

describe('admin.killSwitch.engage', () => {
  it("halts a named account; an ACCOUNT scope needs one, GLOBAL takes none, unknown accounts are refused", async () => {
    const meB = await traderB.trpc.auth.me.query();
    const adminMe = await admin.trpc.auth.me.query();
    expect(await failureOf(admin.trpc.admin.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'no account named' }))).toMatchObject({
      appCode: 'VALIDATION_FAILED',
      message: expect.stringContaining('accountId'),
    });
    expect(await failureOf(admin.trpc.admin.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'ambiguous', accountId: meB.accountId }))).toMatchObject({
      appCode: 'VALIDATION_FAILED',
    });
    const stranger = '00000000-0000-4000-8000-00000000beef' as typeof meB.accountId;
    expect(await failureOf(admin.trpc.admin.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'who is this', accountId: stranger }))).toMatchObject({
      appCode: 'VALIDATION_FAILED',
      message: `No user has the account ${stranger}.`,
    });
    expect(await admin.trpc.admin.halts.active.query()).toEqual([]);

    const halt = await admin.trpc.admin.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'compliance review', accountId: meB.accountId });
    expect(halt).toMatchObject({ scope: 'ACCOUNT', accountId: meB.accountId, engagedBy: adminMe.userId });
    expect(await traderB.trpc.orders.place.mutate(marketBuy(option))).toMatchObject({ status: 'DENIED', reasonCode: 'KILL_SWITCH_ENGAGED' });
    expect((await traderA.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');
    expect(await admin.trpc.admin.halts.active.query()).toEqual([halt]);
  });

  it('release needs a note of at least 3 characters', async () => {
    const meB = await traderB.trpc.auth.me.query();
    const halt = await admin.trpc.admin.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'short note check', accountId: meB.accountId });
    expect(await failureOf(admin.trpc.admin.halts.release.mutate({ haltId: halt.id, note: ' ok ' }))).toMatchObject({ appCode: 'VALIDATION_FAILED', message: expect.stringContaining('note') });
    expect(await admin.trpc.admin.halts.active.query()).toEqual([halt]);
  });

  it('releasing a halt that does not exist is HALT_NOT_FOUND (404), whatever its number', async () => {
    for (const haltId of [987_654, 2 ** 31, Number.MAX_SAFE_INTEGER]) {
      expect(await failureOf(admin.trpc.admin.halts.release.mutate({ haltId, note: 'typo in the id' })), `halt ${haltId}`).toMatchObject({
        appCode: 'HALT_NOT_FOUND',
        httpStatus: 404,
      });
    }
  });
});

describe('the halt push', () => {
  it("goes to the halted account's sockets for an ACCOUNT halt and to every socket for a GLOBAL one, on every change", async () => {
    const [a, b, v] = [await open(traderA), await open(traderB), await open(viewer)];
    const meA = await traderA.trpc.auth.me.query();

    const accountHalt = await traderA.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'push check' });
    // Engaged, then completed with what it cancelled: both pushed, the last equal to the answer.
    await waitUntil(() => a.halts.some((halt) => halt.id === accountHalt.id && 'canceledOrderIds' in halt.details), { message: 'account halt pushed to its owner' });
    expect(a.halts.at(-1)).toEqual(accountHalt);
    await admin.trpc.admin.halts.release.mutate({ haltId: accountHalt.id, note: 'push check done' });
    await waitUntil(() => a.halts.at(-1)?.releasedAt, { message: 'release pushed to the owner' });
    expect(a.halts.every((halt) => halt.accountId === meA.accountId)).toBe(true);

    const globalHalt = await admin.trpc.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'global push check' });
    for (const socket of [a, b, v]) {
      await waitUntil(() => socket.halts.some((halt) => halt.id === globalHalt.id), { message: 'global halt pushed to every socket' });
    }
    // B and the viewer saw nothing of A's account halt: their sockets were live and in order.
    for (const socket of [b, v]) expect(socket.halts.every((halt) => halt.id === globalHalt.id)).toBe(true);
    await admin.trpc.admin.halts.release.mutate({ haltId: globalHalt.id, note: 'global push check done' });
    for (const socket of [a, b, v]) await waitUntil(() => socket.halts.at(-1)?.releasedAt, { message: 'global release pushed to every socket' });
  });
});
