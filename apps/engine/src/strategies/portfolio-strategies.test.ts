import { describe, expect, it } from 'vitest';
import type { Portfolio } from '@strikedesk/domain';
import type { RunningEngine } from '../engine.ts';
import { bookQuantities } from '../testing/portfolio-fixtures.ts';
import { finalPortfolioSignal, type SignalFixtures } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';
import { ManualClock, TEST_START } from '../testing/test-engine.ts';

/** TradingView → multi-leg portfolio and scheduled portfolio strategies (issue 7 on top of issue 6). */
const engines = useStrategyEngines();

const statusOf = async (engine: RunningEngine, fixtures: SignalFixtures, portfolio: Portfolio) => (await engine.services.portfolios.get(portfolio.id, fixtures.userId)).portfolio;

describe('TradingView → multi-leg portfolio', () => {
  it('a buy alert enters the linked portfolio, a repeat does nothing, an exit alert squares it off', async () => {
    const { engine, fixtures, portfolio } = await engines.withPortfolio();
    const strategy = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } }, 'TV_PORTFOLIO');

    const entry = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', ticker: 'NSE:NIFTY' }));
    expect(entry).toMatchObject({ status: 'EXECUTED' });
    expect(entry.events.map((event) => event.stage)).toContain('PORTFOLIO_STARTED');
    await engine.services.portfolios.idle(portfolio.id);
    expect((await statusOf(engine, fixtures, portfolio)).status).toBe('ACTIVE');
    const { actions } = await engine.services.portfolios.get(portfolio.id, fixtures.userId);
    expect(actions.find((action) => action.kind === 'ARMED')).toMatchObject({ detail: { signalId: entry.id } });
    expect(actions.find((action) => action.kind === 'ARMED')?.message).toMatch(/Armed by strategy "NIFTY trend"/);

    // A second entry alert while the portfolio runs: recorded, nothing traded.
    const again = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'SELL', comment: 'second' }));
    expect(again).toMatchObject({ status: 'NO_ACTION' });
    expect(again.reasonMessage).toMatch(/already running/);

    const exit = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'EXIT' }));
    expect(exit.status).toBe('EXECUTED');
    await engine.services.portfolios.idle(portfolio.id);
    expect((await statusOf(engine, fixtures, portfolio)).status).toBe('CLOSED');
    expect(bookQuantities(engine, fixtures.accountId, portfolio.id)).toEqual({});
    // Entry and exit orders carry the portfolio id (the strategy's performance is read from them).
    const orders = engine.services.orders.listOrders(fixtures.accountId).filter((order) => order.portfolioId === portfolio.id);
    expect(orders.map((order) => order.origin).sort()).toEqual(['PORTFOLIO', 'PORTFOLIO', 'SQUARE_OFF', 'SQUARE_OFF']);
  });

  it('refuses reverse / target alerts and a ticker of another underlying, with a reason', async () => {
    const { engine, fixtures, portfolio } = await engines.withPortfolio();
    const strategy = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } }, 'TV_PORTFOLIO');
    const reverse = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'REVERSE' }));
    expect(reverse).toMatchObject({ status: 'REJECTED', reasonCode: 'SIGNAL_PORTFOLIO_ACTION' });
    const other = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY', ticker: 'NSE:BANKNIFTY' }));
    expect(other).toMatchObject({ status: 'REJECTED', reasonCode: 'WEBHOOK_SYMBOL_MISMATCH' });
    expect((await statusOf(engine, fixtures, portfolio)).status).toBe('DRAFT');
  });

  it('a signal processed again after a restart arms nothing twice', async () => {
    const { engine, fixtures, portfolio } = await engines.withPortfolio();
    const strategy = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } }, 'TV_PORTFOLIO');
    const entry = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY' }));
    await engine.services.portfolios.idle(portfolio.id);
    // As if the engine had stopped before recording the outcome: the signal is back in the queue.
    await fixtures.pool.query(`UPDATE signals SET status = 'ACCEPTED' WHERE id = $1`, [entry.id]);
    await engine.services.signals.kick();
    const again = await finalPortfolioSignal(fixtures, entry.id);
    expect(again.status).toBe('EXECUTED');
    expect(again.events.map((event) => event.stage)).toContain('PORTFOLIO_STARTED');
    const { actions } = await engine.services.portfolios.get(portfolio.id, fixtures.userId);
    expect(actions.filter((action) => action.kind === 'ARMED')).toHaveLength(1);
    expect(Object.keys(bookQuantities(engine, fixtures.accountId, portfolio.id))).toHaveLength(2);
  });
});

describe('scheduled portfolio strategies', () => {
  it('file one entry per day at the scheduled time, processed like an alert; never late beyond the allowed delay', async () => {
    const clock = new ManualClock(TEST_START + 30_000); // Wednesday 11:00:30 IST
    const { engine, fixtures, portfolio } = await engines.withPortfolio({ clock });
    const scheduled = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id }, schedule: { time: '11:00', weekdays: [3] } }, 'SCHEDULED_PORTFOLIO');
    const notToday = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id }, schedule: { time: '11:00', weekdays: [1, 2] } }, 'SCHEDULED_PORTFOLIO');
    const later = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id }, schedule: { time: '11:30', weekdays: [3] } }, 'SCHEDULED_PORTFOLIO');

    expect(await engine.services.scheduler.tick()).toBe(1);
    expect(await engine.services.scheduler.tick()).toBe(0); // once a day
    const filed = await fixtures.signals.list(fixtures.userId, { strategyId: scheduled.id, limit: 10 });
    expect(filed).toHaveLength(1);
    const signal = await finalPortfolioSignal(fixtures, filed[0]!.id);
    expect(signal.status).toBe('EXECUTED');
    expect(signal.events.map((event) => event.stage)).toEqual(expect.arrayContaining(['RECEIVED', 'PORTFOLIO_STARTED']));
    expect(JSON.parse(signal.body)).toMatchObject({ source: 'schedule', time: '11:00' });
    await engine.services.portfolios.idle(portfolio.id);
    expect((await statusOf(engine, fixtures, portfolio)).status).toBe('ACTIVE');
    expect(await fixtures.signals.list(fixtures.userId, { strategyId: notToday.id, limit: 10 })).toHaveLength(0);

    clock.advance(40 * 60_000); // 11:40: the 11:30 entry is 10 minutes late, beyond the 300 s allowed
    expect(await engine.services.scheduler.tick()).toBe(0);
    expect(await fixtures.signals.list(fixtures.userId, { strategyId: later.id, limit: 10 })).toHaveLength(0);
  });
});
