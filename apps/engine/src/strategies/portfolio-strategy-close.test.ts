import { describe, expect, it } from 'vitest';
import { alertMessageTemplate, parseAlertMessage } from '@strikedesk/domain';
import { bookQuantities, moveNifty, niftySpot } from '../testing/portfolio-fixtures.ts';
import { finalPortfolioSignal } from '../testing/strategy-signal-run.ts';
import { useStrategyEngines } from '../testing/strategy-test-engine.ts';

/**
 * TradingView has no "exit" order action: a strategy's strategy.close() alert says "sell" (closing a
 * long) or "buy" (closing a short), with {{strategy.market_position}} "flat". Read as an entry, it
 * found the portfolio running and did nothing — the portfolio was never exited by its alerts.
 */
const engines = useStrategyEngines();

/** The strategy's copy-ready alert message as TradingView fills it for one order. */
function filledTemplate(values: Record<string, string>): Record<string, unknown> {
  let text = alertMessageTemplate({ passphrase: false, portfolio: true });
  for (const [placeholder, value] of Object.entries(values)) text = text.replaceAll(`{{${placeholder}}}`, value);
  const parsed = parseAlertMessage(text, true);
  if (!parsed.ok) throw new Error(`template did not parse: ${parsed.error.message}`);
  const { passphrase: _none, ...message } = parsed.message;
  return message;
}

describe('TradingView → multi-leg portfolio: the strategy closing its position', () => {
  it("exits the portfolio on TradingView's close alert (sell, market position flat) sent with the copy-ready message", async () => {
    const { engine, fixtures, portfolio } = await engines.withPortfolio();
    const strategy = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } }, 'TV_PORTFOLIO');
    const order = { ticker: 'NIFTY', timenow: '2026-12-09T05:31:00Z' };

    const entry = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, filledTemplate({ ...order, 'strategy.order.id': 'L', 'strategy.order.action': 'buy', 'strategy.market_position': 'long' })));
    expect(entry.status).toBe('EXECUTED');
    await engine.services.portfolios.idle(portfolio.id);
    expect((await engine.services.portfolios.get(portfolio.id, fixtures.userId)).portfolio.status).toBe('ACTIVE');

    const close = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, filledTemplate({ ...order, 'strategy.order.id': 'Close entry(s) order L', 'strategy.order.action': 'sell', 'strategy.market_position': 'flat' })));
    expect(close.status).toBe('EXECUTED');
    expect(close.events.map((event) => event.stage)).toContain('PORTFOLIO_EXITED');
    await engine.services.portfolios.idle(portfolio.id);
    expect((await engine.services.portfolios.get(portfolio.id, fixtures.userId)).portfolio.status).toBe('CLOSED');
    expect(bookQuantities(engine, fixtures.accountId, portfolio.id)).toEqual({});
  });

  it('an exit alert before the armed portfolio entered disarms it: it does not enter later, after TradingView is out', async () => {
    // The engine starts at 11:00 IST; the portfolio enters at 11:05.
    const { engine, fixtures, portfolio, clock } = await engines.withPortfolio({ portfolio: { entry: { rule: { kind: 'AT_TIME', time: '11:05' } } } });
    const strategy = await fixtures.createStrategy({ target: { kind: 'PORTFOLIO', portfolioId: portfolio.id } }, 'TV_PORTFOLIO');

    expect((await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'BUY' }))).status).toBe('EXECUTED');
    await engine.services.portfolios.idle(portfolio.id);
    expect((await engine.services.portfolios.get(portfolio.id, fixtures.userId)).portfolio.status).toBe('WAITING_ENTRY');

    const exit = await finalPortfolioSignal(fixtures, await fixtures.receive(strategy, { action: 'EXIT' }));
    await engine.services.portfolios.idle(portfolio.id);
    expect((await engine.services.portfolios.get(portfolio.id, fixtures.userId)).portfolio.status).not.toBe('WAITING_ENTRY');
    expect(exit.status).toBe('EXECUTED');

    // Past the entry time: nothing enters.
    const { spot } = niftySpot(engine);
    moveNifty(engine, clock, spot, 10 * 60_000);
    moveNifty(engine, clock, spot, 1_000);
    await engine.services.portfolios.idle(portfolio.id);
    expect(bookQuantities(engine, fixtures.accountId, portfolio.id)).toEqual({});
    expect(engine.services.state.ordersOf(fixtures.accountId).filter((order) => order.portfolioId === portfolio.id)).toEqual([]);
  });
});
