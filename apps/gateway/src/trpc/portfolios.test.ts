import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTemplate, type PortfolioDefinitionInput } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';

let stack: TestStack;
let traderA: GatewayClient;
let traderB: GatewayClient;
let viewer: GatewayClient;

beforeAll(async () => {
  stack = await startTestStack();
  traderA = await signedInUser(stack, 'pf-a', 'trader');
  traderB = await signedInUser(stack, 'pf-b', 'trader');
  viewer = await signedInUser(stack, 'pf-viewer', 'viewer');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const condor: PortfolioDefinitionInput = {
  settings: { name: 'Weekly condor', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' },
  legs: applyTemplate('IRON_CONDOR'),
};

const statusOf = async (client: GatewayClient, portfolioId: string) => (await client.trpc.portfolios.get.query({ portfolioId })).portfolio.status;

describe('portfolios through the gateway', () => {
  it('a trader saves, runs and exits an iron condor; the order blotter and book carry the portfolio id', async () => {
    const created = await traderA.trpc.portfolios.create.mutate({ definition: condor });
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, definition: { settings: { name: 'Weekly condor' } } });
    expect((await traderA.trpc.portfolios.list.query()).map((portfolio) => portfolio.id)).toEqual([created.id]);

    await traderA.trpc.portfolios.start.mutate({ portfolioId: created.id });
    await waitUntil(async () => (await statusOf(traderA, created.id)) === 'ACTIVE', { timeoutMs: 20_000, message: 'portfolio active' });
    const busy = await failureOf(traderA.trpc.portfolios.update.mutate({ portfolioId: created.id, expectedVersion: 1, definition: condor }));
    expect(busy).toMatchObject({ appCode: 'PORTFOLIO_BUSY', code: 'CONFLICT' });

    const orders = (await traderA.trpc.orders.list.query()).filter((order) => order.portfolioId === created.id);
    expect(orders).toHaveLength(4);
    expect(orders.every((order) => order.origin === 'PORTFOLIO')).toBe(true);
    const { live } = await traderA.trpc.portfolios.get.query({ portfolioId: created.id });
    expect(live?.legs.filter((leg) => leg.netQuantity !== 0)).toHaveLength(4);

    await traderA.trpc.portfolios.exit.mutate({ portfolioId: created.id });
    await waitUntil(async () => (await statusOf(traderA, created.id)) === 'CLOSED', { timeoutMs: 20_000, message: 'portfolio closed' });
    const detail = await traderA.trpc.portfolios.get.query({ portfolioId: created.id });
    expect(detail.live?.legs.every((leg) => leg.netQuantity === 0)).toBe(true);
    expect(detail.actions[0]).toMatchObject({ kind: 'EXITED' });
    await traderA.trpc.portfolios.remove.mutate({ portfolioId: created.id });
    expect(await traderA.trpc.portfolios.list.query()).toEqual([]);
  });

  it("another trader's portfolio is not found, and a viewer cannot create or run one", async () => {
    const mine = await traderA.trpc.portfolios.create.mutate({ definition: condor });
    expect(await failureOf(traderB.trpc.portfolios.get.query({ portfolioId: mine.id }))).toMatchObject({ appCode: 'PORTFOLIO_NOT_FOUND', code: 'NOT_FOUND' });
    expect(await failureOf(traderB.trpc.portfolios.start.mutate({ portfolioId: mine.id }))).toMatchObject({ appCode: 'PORTFOLIO_NOT_FOUND' });
    expect(await failureOf(viewer.trpc.portfolios.create.mutate({ definition: condor }))).toMatchObject({ appCode: 'VIEWER_CANNOT_TRADE' });
    expect(await traderB.trpc.portfolios.list.query()).toEqual([]);
  });

  it('refuses an invalid definition with a message naming the field', async () => {
    const empty = await failureOf(traderA.trpc.portfolios.create.mutate({ definition: { ...condor, legs: [] } }));
    expect(empty).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(empty.message).toMatch(/add at least one leg/);
    const window = await failureOf(
      traderA.trpc.portfolios.create.mutate({
        definition: { ...condor, entry: { rule: { kind: 'RANGE_BREAKOUT', source: 'UNDERLYING', windowStart: '09:30', windowEnd: '09:20', direction: 'UP' } } },
      }),
    );
    expect(window.message).toMatch(/range window must end after it starts/);
  });
});
