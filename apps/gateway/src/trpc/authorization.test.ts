import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, type OrderId } from '@strikedesk/domain';
import { failureOf, loginAs, type GatewayClient } from '../testing/gateway-client.ts';
import { pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { createTestUser, TEST_PASSWORD } from '../testing/test-users.ts';
import { startTestStack, TEST_ADMIN, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let anonymous: GatewayClient;
let viewer: GatewayClient;
let traderA: GatewayClient;
let traderB: GatewayClient;
let admin: GatewayClient;
let option: TradableOption;

beforeAll(async () => {
  stack = await startTestStack();
  const { identity } = stack.gateway;
  await Promise.all([
    createTestUser(identity, 'viewer1', 'viewer'),
    createTestUser(identity, 'trader-a', 'trader'),
    createTestUser(identity, 'trader-b', 'trader'),
  ]);
  anonymous = stack.client();
  [viewer, traderA, traderB, admin] = [stack.client(), stack.client(), stack.client(), stack.client()];
  await loginAs(viewer, 'viewer1', TEST_PASSWORD);
  await loginAs(traderA, 'trader-a', TEST_PASSWORD);
  await loginAs(traderB, 'trader-b', TEST_PASSWORD);
  await loginAs(admin, TEST_ADMIN.username, TEST_ADMIN.password);
  option = await pickTradableOption(traderA);
});
afterAll(async () => {
  await stack?.close();
});

describe('unauthenticated', () => {
  it('every non-public procedure is UNAUTHENTICATED', async () => {
    const calls: (() => Promise<unknown>)[] = [
      () => anonymous.trpc.auth.me.query(),
      () => anonymous.trpc.orders.list.query(),
      () => anonymous.trpc.orders.place.mutate(restingBuy(option)),
      () => anonymous.trpc.positions.list.query(),
      () => anonymous.trpc.instruments.search.query({ query: 'NIFTY' }),
      () => anonymous.trpc.market.quotes.query({ instrumentIds: [option.instrument.id] }),
      () => anonymous.trpc.market.session.query(),
      () => anonymous.trpc.watchlist.list.query(),
      () => anonymous.trpc.admin.users.list.query(),
      () => anonymous.trpc.positions.books.query(),
      () => anonymous.trpc.positions.squareOff.mutate({}),
      () => anonymous.trpc.risk.limits.query(),
      () => anonymous.trpc.halts.active.query(),
      () => anonymous.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'anonymous' }),
      () => anonymous.trpc.admin.risk.limits.list.query(),
      () => anonymous.trpc.admin.halts.recent.query({}),
      () => anonymous.trpc.admin.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'anonymous' }),
    ];
    for (const call of calls) {
      expect(await failureOf(call())).toMatchObject({ code: 'UNAUTHORIZED', appCode: 'UNAUTHENTICATED', message: 'Please log in.' });
    }
  });

  it('system.info is public and reports the engine', async () => {
    expect(await anonymous.trpc.system.info.query()).toEqual({ version: expect.any(String), engineConnected: true });
  });
});

describe('viewer', () => {
  it('can read but not trade: FORBIDDEN / VIEWER_CANNOT_TRADE', async () => {
    expect(await viewer.trpc.orders.list.query()).toEqual([]);
    // The engine's session, passed through: the test stack's sandbox market never closes.
    expect(await viewer.trpc.market.session.query()).toMatchObject({ closed: null, alwaysOpen: true, intradaySquareOff: null, hours: { opens: '09:15', closes: '15:30' } });
    expect(await viewer.trpc.positions.list.query()).toEqual([]);
    const placed = await failureOf(viewer.trpc.orders.place.mutate(restingBuy(option)));
    expect(placed).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'VIEWER_CANNOT_TRADE',
      httpStatus: 403,
      message: 'Your account is view-only: viewers cannot place, modify or cancel orders.',
    });
    expect((await failureOf(viewer.trpc.orders.cancel.mutate({ orderId: 'any' as OrderId }))).appCode).toBe('VIEWER_CANNOT_TRADE');
    expect((await failureOf(viewer.trpc.orders.modify.mutate({ orderId: 'any' as OrderId, quantity: 75 }))).appCode).toBe(
      'VIEWER_CANNOT_TRADE',
    );
  });
});

describe('traders', () => {
  it('cannot use admin procedures: FORBIDDEN / FORBIDDEN_ROLE', async () => {
    expect(await failureOf(traderA.trpc.admin.users.list.query())).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    const create = traderA.trpc.admin.users.create.mutate({ username: 'sneaky', password: 'long enough pw', role: 'admin' });
    expect(await failureOf(create)).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
  });

  it("see only their own orders and cannot touch another trader's order", async () => {
    const orderA = await traderA.trpc.orders.place.mutate(restingBuy(option));
    expect(orderA.status).not.toBe('DENIED');
    const meA = await traderA.trpc.auth.me.query();
    expect(orderA.accountId).toBe(meA.accountId);

    expect((await traderA.trpc.orders.list.query()).map((order) => order.orderId)).toContain(orderA.orderId);
    expect((await traderB.trpc.orders.list.query()).map((order) => order.orderId)).not.toContain(orderA.orderId);

    const modify = await failureOf(traderB.trpc.orders.modify.mutate({ orderId: orderA.orderId, quantity: option.instrument.lotSize * 2 }));
    expect(modify).toMatchObject({ code: 'NOT_FOUND', appCode: 'ORDER_NOT_FOUND', message: 'No such order in your account.' });
    const cancel = await failureOf(traderB.trpc.orders.cancel.mutate({ orderId: orderA.orderId }));
    expect(cancel).toMatchObject({ code: 'NOT_FOUND', appCode: 'ORDER_NOT_FOUND' });
    const history = await failureOf(traderB.trpc.orders.history.query({ orderId: orderA.orderId }));
    expect(history).toMatchObject({ code: 'NOT_FOUND', appCode: 'ORDER_NOT_FOUND' });
    // A's own history: placed, then the venue's answer.
    const own = await traderA.trpc.orders.history.query({ orderId: orderA.orderId });
    expect(own.order.orderId).toBe(orderA.orderId);
    expect(own.entries.map((entry) => entry.event.type).slice(0, 2)).toEqual(['OrderSubmitted', 'OrderAccepted']);

    // Untouched by B, and still A's to cancel.
    const canceled = await traderA.trpc.orders.cancel.mutate({ orderId: orderA.orderId });
    expect(['CANCELED', 'PENDING_CANCEL']).toContain(canceled.status);
  });

  it("the engine's refusals come back as a DENIED order with the stable reason code", async () => {
    const oddLot = { ...restingBuy(option), quantity: option.instrument.lotSize + 1 };
    const order = await traderA.trpc.orders.place.mutate(oddLot);
    expect(order).toMatchObject({ status: 'DENIED', reasonCode: 'QUANTITY_NOT_LOT_MULTIPLE' });
  });

  it('keep a watchlist of their own, in order', async () => {
    const ids = (await traderA.trpc.instruments.search.query({ query: 'NIFTY', limit: 3 })).map((instrument) => instrument.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const [first, second] = ids as [typeof ids[number], typeof ids[number]];
    await traderA.trpc.watchlist.add.mutate({ instrumentId: second });
    const list = await traderA.trpc.watchlist.add.mutate({ instrumentId: first });
    expect(list.map((instrument) => instrument.id)).toEqual([second, first]);
    expect(await traderB.trpc.watchlist.list.query()).toEqual([]);
    expect((await traderA.trpc.watchlist.remove.mutate({ instrumentId: second })).map((instrument) => instrument.id)).toEqual([first]);
    const unknown = await failureOf(traderA.trpc.watchlist.add.mutate({ instrumentId: 'NFO:NOSUCHTHING' as typeof first }));
    expect(unknown.appCode).toBe('INSTRUMENT_NOT_FOUND');
  });
});

describe('admin', () => {
  it('creates users who can then log in with their role and own account', async () => {
    const created = await admin.trpc.admin.users.create.mutate({ username: 'New.Trader', password: 'long enough pw', role: 'trader' });
    expect(created).toMatchObject({ username: 'new.trader', role: 'trader' });
    expect(typeof created.createdAt).toBe('number');
    const listed = await admin.trpc.admin.users.list.query();
    expect(listed.map((user) => user.username)).toEqual(expect.arrayContaining(['admin', 'viewer1', 'trader-a', 'trader-b', 'new.trader']));
    expect(listed.every((user) => !('passwordHash' in user))).toBe(true);

    const client = stack.client();
    const session = await loginAs(client, 'new.trader', 'long enough pw');
    expect(session.user).toEqual({ userId: created.userId, username: 'new.trader', role: 'trader', accountId: created.accountId });

    const again = await failureOf(admin.trpc.admin.users.create.mutate({ username: 'new.trader', password: 'long enough pw', role: 'viewer' }));
    expect(again).toMatchObject({ code: 'CONFLICT', appCode: 'USERNAME_TAKEN' });
  });
});

describe('risk controls: who may do what', () => {
  // Every caller here is refused or only reads: no halt is engaged and no limit changes.
  const adminCalls = (client: GatewayClient, accountId: string): (() => Promise<unknown>)[] => {
    const account = accountId as Awaited<ReturnType<typeof client.trpc.auth.me.query>>['accountId'];
    return [
      () => client.trpc.admin.risk.limits.list.query(),
      () => client.trpc.admin.risk.limits.history.query({ accountId: account }),
      () => client.trpc.admin.risk.limits.set.mutate({ accountId: account, baseVersion: 0, limits: { ...DEFAULT_RISK_LIMITS, maxOrderLots: 1 } }),
      () => client.trpc.admin.halts.active.query(),
      () => client.trpc.admin.halts.recent.query({}),
      () => client.trpc.admin.halts.release.mutate({ haltId: 1, note: 'not mine to release' }),
      () => client.trpc.admin.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'not allowed', accountId: account }),
      () => client.trpc.admin.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'not allowed' }),
    ];
  };

  it('everyone reads their own limits, halts and books', async () => {
    for (const client of [viewer, traderA, admin]) {
      const me = await client.trpc.auth.me.query();
      expect(await client.trpc.risk.limits.query()).toMatchObject({ accountId: me.accountId, version: 0 });
      expect(await client.trpc.halts.active.query()).toEqual([]);
      expect(await client.trpc.positions.books.query()).toEqual([]);
    }
  });

  it('viewers cannot square off or engage any kill switch: VIEWER_CANNOT_TRADE; nor use admin procedures', async () => {
    const calls = [
      () => viewer.trpc.positions.squareOff.mutate({}),
      () => viewer.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'viewer tries', flatten: true }),
      () => viewer.trpc.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'viewer tries' }),
    ];
    for (const call of calls) expect(await failureOf(call())).toMatchObject({ code: 'FORBIDDEN', appCode: 'VIEWER_CANNOT_TRADE', httpStatus: 403 });
    const me = await viewer.trpc.auth.me.query();
    for (const call of adminCalls(viewer, me.accountId)) expect(await failureOf(call())).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
  });

  it('traders cannot halt everyone nor use admin procedures, even on their own account: FORBIDDEN_ROLE', async () => {
    const global = await failureOf(traderA.trpc.killSwitch.engage.mutate({ scope: 'GLOBAL', reason: 'stop the world' }));
    expect(global).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE', message: expect.stringContaining('Only an admin') });
    const me = await traderA.trpc.auth.me.query();
    for (const call of adminCalls(traderA, me.accountId)) expect(await failureOf(call())).toMatchObject({ code: 'FORBIDDEN', appCode: 'FORBIDDEN_ROLE' });
    expect(await admin.trpc.admin.halts.active.query()).toEqual([]);
    expect(await traderA.trpc.risk.limits.query()).toMatchObject({ version: 0 });
  });

  it('admins read the limits and halts of every account', async () => {
    const meB = await traderB.trpc.auth.me.query();
    expect(await admin.trpc.admin.risk.limits.list.query()).toEqual([]);
    expect((await admin.trpc.admin.risk.limits.history.query({ accountId: meB.accountId })).map((version) => version.version)).toEqual([0]);
    expect(await admin.trpc.admin.halts.recent.query({ accountId: meB.accountId, limit: 10 })).toEqual([]);
    expect(await failureOf(admin.trpc.admin.halts.recent.query({ limit: 501 }))).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(await failureOf(admin.trpc.admin.halts.release.mutate({ haltId: 12345, note: 'nothing there' }))).toMatchObject({ code: 'NOT_FOUND', appCode: 'HALT_NOT_FOUND' });
  });
});
