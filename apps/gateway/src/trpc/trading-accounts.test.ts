import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { AccountId, TradingAccount, TradingHalt } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { marketBuy, pickTradableOption, restingBuy, type TradableOption } from '../testing/market-fixtures.ts';
import { restCall } from '../testing/rest-client.ts';
import { signedInAdmin, signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

// A trader's paper and live trading accounts against the real engine: the token names the account,
// so switching it moves every procedure (and the socket) to the other one.
let stack: TestStack;
let admin: GatewayClient;
let trader: GatewayClient;
let other: GatewayClient;
let option: TradableOption;
let paper: TradingAccount;
let live: TradingAccount;
const sockets: Socket[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  admin = await signedInAdmin(stack);
  trader = await signedInUser(stack, 'ta-trader', 'trader');
  other = await signedInUser(stack, 'ta-other', 'trader');
  const broker = await admin.trpc.admin.brokerAccounts.create.mutate({ broker: 'SIMULATED_KITE', name: 'Sim desk' });
  await admin.trpc.admin.brokerAccounts.assign.mutate({ id: broker.id, traderIds: [(await trader.trpc.auth.me.query()).userId] });
  option = await pickTradableOption(trader);
}, 90_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await stack?.close();
});

const switchTo = async (client: GatewayClient, accountId: AccountId) => {
  const grant = await client.trpc.auth.switchAccount.mutate({ accountId });
  client.state.token = grant.accessToken;
  return grant;
};
const openSocket = (token: string | null) =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect(stack.gateway.url, { path: '/socket.io', auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

describe('auth.accounts', () => {
  it('lists paper first (the default), then the live account with its broker account', async () => {
    const accounts = await trader.trpc.auth.accounts.query();
    expect(accounts).toHaveLength(2);
    [paper, live] = accounts as [TradingAccount, TradingAccount];
    expect(paper).toMatchObject({ kind: 'paper', brokerAccount: null, id: (await trader.trpc.auth.me.query()).accountId });
    expect(live).toMatchObject({ kind: 'live', name: 'Sim desk', brokerAccount: { name: 'Sim desk', broker: 'SIMULATED_KITE', enabled: true } });
    expect((await other.trpc.auth.accounts.query()).map((account) => account.kind)).toEqual(['paper']);
  });
});

describe('auth.switchAccount', () => {
  it("refuses someone else's account and an unknown one", async () => {
    const [othersPaper] = await other.trpc.auth.accounts.query();
    for (const accountId of [othersPaper!.id, '00000000-0000-4000-8000-0000000000aa' as AccountId]) {
      const failure = await failureOf(trader.trpc.auth.switchAccount.mutate({ accountId }));
      expect(failure).toMatchObject({ code: 'BAD_REQUEST', appCode: 'VALIDATION_FAILED' });
      expect(failure.message).toBe('That trading account is not yours.');
    }
    expect((await trader.trpc.auth.me.query()).accountId).toBe(paper.id);
  });

  it('moves orders and positions to the live account, and back', async () => {
    const paperOrder = await trader.trpc.orders.place.mutate(restingBuy(option));
    expect(paperOrder.accountId).toBe(paper.id);
    expect((await trader.trpc.orders.place.mutate(marketBuy(option))).status).toBe('FILLED');
    const paperPositions = await trader.trpc.positions.list.query();
    expect(paperPositions.map((position) => position.instrumentId)).toEqual([option.instrument.id]);

    const grant = await switchTo(trader, live.id);
    expect(grant.user).toMatchObject({ accountId: live.id, username: 'ta-trader', role: 'trader' });
    expect((await trader.trpc.auth.me.query()).accountId).toBe(live.id);
    expect((await trader.trpc.orders.list.query()).map((order) => order.orderId)).not.toContain(paperOrder.orderId);
    expect(await trader.trpc.positions.list.query()).toEqual([]);
    // The live account is not connected: the order is refused, on the live account, never sent to paper.
    const liveOrder = await trader.trpc.orders.place.mutate(restingBuy(option));
    expect(liveOrder).toMatchObject({ accountId: live.id, status: 'DENIED', reasonCode: 'BROKER_NOT_CONNECTED' });
    expect((await trader.trpc.orders.list.query()).map((order) => order.orderId)).toContain(liveOrder.orderId);

    await switchTo(trader, paper.id);
    const paperOrders = (await trader.trpc.orders.list.query()).map((order) => order.orderId);
    expect(paperOrders).toContain(paperOrder.orderId);
    expect(paperOrders).not.toContain(liveOrder.orderId);
    expect((await trader.trpc.positions.list.query()).map((position) => position.instrumentId)).toEqual([option.instrument.id]);
  });

  it('a refresh stays on the account the tab names, if it is the caller\'s; otherwise the default', async () => {
    expect((await trader.trpc.auth.refresh.mutate({ accountId: live.id })).user.accountId).toBe(live.id);
    expect((await trader.trpc.auth.refresh.mutate()).user.accountId).toBe(paper.id);
    const [othersPaper] = await other.trpc.auth.accounts.query();
    expect((await trader.trpc.auth.refresh.mutate({ accountId: othersPaper!.id })).user.accountId).toBe(paper.id);
  });

  it("the socket follows its token's account", async () => {
    const onPaper = await openSocket(trader.state.token);
    await switchTo(trader, live.id);
    const onLive = await openSocket(trader.state.token);
    const heard = { paper: [] as TradingHalt[], live: [] as TradingHalt[] };
    onPaper.on('halt', (halt: TradingHalt) => heard.paper.push(halt));
    onLive.on('halt', (halt: TradingHalt) => heard.live.push(halt));

    const halt = await trader.trpc.killSwitch.engage.mutate({ scope: 'ACCOUNT', reason: 'live account test', flatten: false });
    expect(halt.accountId).toBe(live.id);
    await waitUntil(() => heard.live.some((pushed) => pushed.id === halt.id), { message: 'the live socket hears the live halt' });
    expect(heard.paper.some((pushed) => pushed.id === halt.id)).toBe(false);
    expect((await trader.trpc.halts.active.query()).map((active) => active.id)).toContain(halt.id);
    await switchTo(trader, paper.id);
    expect((await trader.trpc.halts.active.query()).map((active) => active.id)).not.toContain(halt.id);
  });

  it("admin.users.list gives each user every account they own: the trader's paper and live ones", async () => {
    const listed = await admin.trpc.admin.users.list.query();
    const of = (username: string) => listed.find((user) => user.username === username);
    expect(of('ta-trader')).toMatchObject({ accountId: paper.id, accounts: [{ id: paper.id, kind: 'paper' }, { id: live.id, kind: 'live', brokerAccount: { name: 'Sim desk' } }] });
    expect(of('ta-other')?.accounts.map((account) => account.kind)).toEqual(['paper']);
  });

  it('an admin can name the live account in admin procedures', async () => {
    const limits = await admin.trpc.admin.risk.limits.history.query({ accountId: live.id });
    expect(limits.at(-1)?.version).toBe(0);
  });
});

describe('API keys on a trading account', () => {
  it('each key acts on the account chosen when it was made (the header\'s by default), whatever the header shows later', async () => {
    await switchTo(trader, paper.id);
    const onPaper = await trader.trpc.apiKeys.create.mutate({ name: 'paper algo', scopes: ['trade'] });
    const onLive = await trader.trpc.apiKeys.create.mutate({ name: 'live algo', scopes: ['trade'], accountId: live.id });
    await switchTo(trader, live.id);
    const byHeader = await trader.trpc.apiKeys.create.mutate({ name: 'header algo', scopes: ['read'] });
    expect([onPaper.apiKey.accountId, onLive.apiKey.accountId, byHeader.apiKey.accountId]).toEqual([paper.id, live.id, live.id]);
    expect((await trader.trpc.apiKeys.list.query()).find((key) => key.id === onLive.apiKey.id)?.accountId).toBe(live.id);

    const place = (key: string) => restCall(stack.gateway.url, 'POST', '/api/v1/orders', { key, body: restingBuy(option) });
    const paperPlaced = await place(onPaper.key);
    expect(paperPlaced.status).toBe(201);
    expect(paperPlaced.body).toMatchObject({ accountId: paper.id, origin: 'API' });
    // The live account is not connected: refused there, never sent to paper instead.
    const livePlaced = await place(onLive.key);
    expect(livePlaced.body).toMatchObject({ error: 'BROKER_NOT_CONNECTED', order: { accountId: live.id, status: 'DENIED' } });

    const listed = async (key: string) =>
      ((await restCall(stack.gateway.url, 'GET', '/api/v1/orders', { key })).body as { orders: { orderId: string }[] }).orders.map((order) => order.orderId);
    const paperOrderId = (paperPlaced.body as { orderId: string }).orderId;
    expect(await listed(onPaper.key)).toContain(paperOrderId);
    expect(await listed(byHeader.key)).not.toContain(paperOrderId);
    await switchTo(trader, paper.id);
  });

  it("refuses a key on someone else's account", async () => {
    const [othersPaper] = await other.trpc.auth.accounts.query();
    const failure = await failureOf(trader.trpc.apiKeys.create.mutate({ name: 'stolen', scopes: ['read'], accountId: othersPaper!.id }));
    expect(failure).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect((await trader.trpc.apiKeys.list.query()).map((key) => key.name)).not.toContain('stolen');
  });
});
