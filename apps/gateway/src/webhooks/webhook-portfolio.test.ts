import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTemplate } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { failureOf, type GatewayClient } from '../testing/gateway-client.ts';
import { signedInUser } from '../testing/signed-in.ts';
import { startTestStack, type TestStack } from '../testing/test-stack.ts';
import { ALWAYS_OPEN_CONFIG, createLiveStrategy, postAlert, processedSignal } from '../testing/webhook-fixtures.ts';

let stack: TestStack;
let trader: GatewayClient;
let other: GatewayClient;

beforeAll(async () => {
  stack = await startTestStack();
  trader = await signedInUser(stack, 'tv-pf-trader', 'trader');
  other = await signedInUser(stack, 'tv-pf-other', 'trader');
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const newPortfolio = (client: GatewayClient) =>
  client.trpc.portfolios.create.mutate({ definition: { settings: { name: 'TV straddle', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' }, legs: applyTemplate('SHORT_STRADDLE') } });

describe('TradingView → multi-leg portfolio through the webhook', () => {
  it('an entry alert on the index chart arms and enters the linked portfolio; exit squares it off', async () => {
    const portfolio = await newPortfolio(trader);
    const { url } = await createLiveStrategy(trader, stack.gateway.url, {
      template: 'TV_PORTFOLIO',
      config: { ...ALWAYS_OPEN_CONFIG, target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } },
    });
    const entry = await postAlert(url, { alert_id: 'p-1', ticker: 'NSE:NIFTY', action: 'buy' });
    expect(entry).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const signal = await processedSignal(trader, entry.body['signalId'], 'PORTFOLIO_STARTED');
    expect(signal.status).toBe('EXECUTED');
    await waitUntil(async () => (await trader.trpc.portfolios.get.query({ portfolioId: portfolio.id })).portfolio.status === 'ACTIVE', { timeoutMs: 15_000 });

    const exit = await postAlert(url, { alert_id: 'p-2', ticker: 'NSE:NIFTY', action: 'exit' });
    await processedSignal(trader, exit.body['signalId'], 'PORTFOLIO_EXITED');
    await waitUntil(async () => (await trader.trpc.portfolios.get.query({ portfolioId: portfolio.id })).portfolio.status === 'CLOSED', { timeoutMs: 15_000 });
  });

  it('a strategy must link a portfolio of its own owner, and fit its template', async () => {
    const theirs = await newPortfolio(other);
    const config = { ...ALWAYS_OPEN_CONFIG, target: { kind: 'PORTFOLIO' as const, portfolioId: theirs.id } };
    expect(await failureOf(trader.trpc.strategies.create.mutate({ name: 'x', template: 'TV_PORTFOLIO', config }))).toMatchObject({ appCode: 'PORTFOLIO_NOT_FOUND' });
    const mine = await newPortfolio(trader);
    const instrumentTemplate = await failureOf(
      trader.trpc.strategies.create.mutate({ name: 'x', template: 'TV_INSTRUMENT', config: { ...config, target: { kind: 'PORTFOLIO', portfolioId: mine.id } } }),
    );
    expect(instrumentTemplate).toMatchObject({ appCode: 'VALIDATION_FAILED' });
    expect(instrumentTemplate.message).toMatch(/trades an instrument, not a portfolio/);
    const noSchedule = await failureOf(
      trader.trpc.strategies.create.mutate({ name: 'x', template: 'SCHEDULED_PORTFOLIO', config: { ...config, target: { kind: 'PORTFOLIO', portfolioId: mine.id } } }),
    );
    expect(noSchedule.message).toMatch(/needs a time of day/);
    const scheduled = await trader.trpc.strategies.create.mutate({
      name: '9:20 short straddle',
      template: 'SCHEDULED_PORTFOLIO',
      config: { ...config, target: { kind: 'PORTFOLIO', portfolioId: mine.id }, schedule: { time: '09:20' } },
    });
    expect(scheduled.strategy.config.schedule).toEqual({ time: '09:20', weekdays: [1, 2, 3, 4, 5] });
  });
});
