import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, istDayNumber, paise, type RiskLimits } from '@strikedesk/domain';
import { InMemorySession, SESSION_ACCOUNTS, SESSION_INSTRUMENTS } from '../testing/in-memory-session.ts';
import { TradingRiskView } from './trading-risk-view.ts';

const START = Date.UTC(2026, 11, 8, 5, 30); // Tuesday 11:00 IST
const ACCOUNT = SESSION_ACCOUNTS[0]!;
const NIFTY = SESSION_INSTRUMENTS[0]!;
// A daily-loss limit no test reaches: the check prices the day P&L, so the fold keeps its terms.
const LIMITS: RiskLimits = { ...DEFAULT_RISK_LIMITS, ordersPerSecond: 1_000, ordersPerMinute: null, ordersPerDay: null, maxOpenOrders: null, dailyLossLimit: paise(1e15) };

const viewOf = (session: InMemorySession, quoted: (instrumentId: string) => boolean) =>
  new TradingRiskView(session.state, { latest: (id) => (quoted(id) ? session.quote(id) : undefined), instrument: () => undefined, now: () => session.now });

describe('TradingRiskView.dayPnl (the daily-loss check’s day P&L)', () => {
  it('equals the position-by-position definition when an instrument without a quote has positions that net to zero across products', () => {
    const session = new InMemorySession(START, LIMITS);
    session.submit({ account: ACCOUNT, instrumentId: NIFTY.id, side: 'BUY', type: 'MARKET', lots: 2, price: null, product: 'NRML' });
    session.submit({ account: ACCOUNT, instrumentId: NIFTY.id, side: 'SELL', type: 'MARKET', lots: 2, price: null, product: 'MIS' });
    const [long, short] = ['NRML', 'MIS'].map((product) => session.state.positionsOf(ACCOUNT).find((position) => position.product === product));
    expect(long?.netQuantity).toBe(2 * NIFTY.lotSize);
    expect(short?.netQuantity).toBe(-2 * NIFTY.lotSize);

    const unquoted = viewOf(session, (id) => id !== NIFTY.id);
    // Without a mark neither position has an unrealized P&L to count: nothing was realized today.
    expect(unquoted.dayPnlByPosition(ACCOUNT, istDayNumber(session.now))).toBe(0);
    expect(unquoted.dayPnl(ACCOUNT)).toBe(0);
    const quoted = viewOf(session, () => true);
    expect(quoted.dayPnl(ACCOUNT)).toBe(quoted.dayPnlByPosition(ACCOUNT, istDayNumber(session.now)));
    expect(quoted.dayPnl(ACCOUNT)).toBeLessThan(0); // bought at the ask, sold at the bid
  });
});

describe('TradingRiskView.dayPnl at quotes that are not prices', () => {
  it('does not count a long at a last price of 0 (a contract that has not traded) as a day loss, nor measure carried lots from a close of 0', () => {
    const session = new InMemorySession(START, LIMITS);
    session.submit({ account: ACCOUNT, instrumentId: NIFTY.id, side: 'BUY', type: 'MARKET', lots: 2, price: null, product: 'NRML' });
    const today = istDayNumber(session.now);
    const withQuote = (change: (tick: ReturnType<InMemorySession['quote']>) => ReturnType<InMemorySession['quote']>) =>
      new TradingRiskView(session.state, { latest: (id) => change(session.quote(id)), instrument: () => undefined, now: () => session.now });
    const unmarked = withQuote((tick) => ({ ...tick, lastPrice: paise(0) }));
    expect(unmarked.dayPnl(ACCOUNT)).toBe(unmarked.dayPnlByPosition(ACCOUNT, today));
    expect(unmarked.dayPnl(ACCOUNT)).toBe(0); // nothing realized; no price to mark the lots at

    // The next day the lots are carried. A close of 0 is no close: they count from their cost (not
    // the whole price as a gain); and yesterday's last tick, before today's first, measures from its own price.
    const tomorrow = session.now + 86_400_000;
    const carriedAt = (tick: (id: string) => ReturnType<InMemorySession['quote']>) => new TradingRiskView(session.state, { latest: tick, instrument: () => undefined, now: () => tomorrow });
    const noClose = carriedAt((id) => ({ ...session.quote(id), previousClose: paise(0), timestamp: tomorrow }));
    expect(noClose.dayPnl(ACCOUNT)).toBe(noClose.dayPnlByPosition(ACCOUNT, istDayNumber(tomorrow)));
    const position = session.state.positionsOf(ACCOUNT)[0]!;
    expect(noClose.dayPnl(ACCOUNT)).toBe(session.quote(NIFTY.id).lastPrice * position.netQuantity - position.openCost);
    const yesterdays = carriedAt((id) => ({ ...session.quote(id), previousClose: paise(session.quote(id).lastPrice - 500) }));
    expect(yesterdays.dayPnl(ACCOUNT)).toBe(yesterdays.dayPnlByPosition(ACCOUNT, istDayNumber(tomorrow)));
    expect(yesterdays.dayPnl(ACCOUNT)).toBe(0);
  });
});
