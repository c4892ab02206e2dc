import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_LIMITS, isTerminalStatus, istDayNumber, paise, unrealizedPnl, type PositionState, type RiskLimits } from '@strikedesk/domain';
import { TradingRiskView } from '../risk/trading-risk-view.ts';
import { decodeSnapshot, encodeSnapshot } from '../snapshots/snapshot-codec.ts';
import { InMemorySession, SESSION_ACCOUNTS, SESSION_INSTRUMENTS } from '../testing/in-memory-session.ts';
import { TradingState } from './trading-state.ts';

const START = Date.UTC(2026, 11, 8, 5, 30); // Tuesday 11:00 IST; sessions run across days

/** One trader action, drawn at random; prices stay near the market so limits both rest and fill. */
const action = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('submit' as const), account: fc.integer({ min: 0, max: 1 }), instrument: fc.integer({ min: 0, max: 1 }), buy: fc.boolean(), market: fc.boolean(), lots: fc.integer({ min: 1, max: 9 }), offset: fc.integer({ min: -40, max: 40 }), book: fc.constantFrom(undefined, 'trend', 'hedge', 'pf-1'), product: fc.constantFrom('NRML' as const, 'MIS' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('modify' as const), pick: fc.nat(), offset: fc.integer({ min: -40, max: 40 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('move' as const), instrument: fc.integer({ min: 0, max: 1 }), ticks: fc.integer({ min: -30, max: 30 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('time' as const), ms: fc.integer({ min: 1, max: 30 * 3_600_000 }) }) },
);
type Action = typeof action extends fc.Arbitrary<infer T> ? T : never;

/**
 * Session limits: rates and counts off, and a daily-loss limit no session reaches — so the check
 * prices the day P&L on every order that adds exposure, and the fold keeps its terms (DayPnlTerms)
 * up to date from the first of them on.
 */
const LIMITS: RiskLimits = { ...DEFAULT_RISK_LIMITS, ordersPerSecond: 1_000, ordersPerMinute: null, ordersPerDay: null, maxOpenOrders: null, dailyLossLimit: paise(1e15) };

function run(actions: readonly Action[]): InMemorySession {
  const session = new InMemorySession(START, LIMITS);
  for (const step of actions) {
    session.now += 50;
    if (step.kind === 'submit') {
      const instrument = SESSION_INSTRUMENTS[step.instrument]!;
      const last = session.quote(instrument.id).lastPrice;
      session.submit({
        account: SESSION_ACCOUNTS[step.account]!,
        instrumentId: instrument.id,
        side: step.buy ? 'BUY' : 'SELL',
        type: step.market ? 'MARKET' : 'LIMIT',
        lots: step.lots,
        price: paise(last + step.offset * 5),
        product: step.product,
        ...(step.book ? { book: step.book } : {}),
      });
    } else if (step.kind === 'cancel' || step.kind === 'modify') {
      const open = SESSION_ACCOUNTS.flatMap((account) => session.state.openOrdersOf(account));
      const target = open[step.pick % Math.max(1, open.length)];
      if (!target) continue;
      if (step.kind === 'cancel') session.cancel(target.accountId, target.orderId);
      else session.modify(target.accountId, target.orderId, paise(session.quote(target.instrumentId).lastPrice + step.offset * 5));
    } else if (step.kind === 'move') {
      const instrument = SESSION_INSTRUMENTS[step.instrument]!;
      session.setQuote(instrument.id, paise(session.quote(instrument.id).lastPrice + step.ticks * 5));
      session.deliver();
    } else session.now += step.ms;
  }
  return session;
}

const replay = (session: InMemorySession): TradingState => {
  const state = new TradingState();
  for (const record of session.records) state.apply(record);
  return state;
};

describe('the engine state is a pure fold of its journal (random sessions)', () => {
  it('replaying the journal reproduces the live state exactly', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 120 }), (actions) => {
        const session = run(actions);
        expect(replay(session).toSnapshot()).toEqual(session.state.toSnapshot());
      }),
      { numRuns: 150 },
    );
  });

  it('a snapshot at any point plus the journal after it gives the same state as a full replay', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 120 }), fc.double({ min: 0, max: 1, noNaN: true }), (actions, cutAt) => {
        const session = run(actions);
        const cut = Math.floor(cutAt * session.records.length);
        const prefix = new TradingState();
        for (const record of session.records.slice(0, cut)) prefix.apply(record);
        const restored = TradingState.fromSnapshot(decodeSnapshot(encodeSnapshot(prefix.toSnapshot())));
        for (const record of session.records.slice(cut)) restored.apply(record);
        expect(restored.toSnapshot()).toEqual(session.state.toSnapshot());
        for (const account of SESSION_ACCOUNTS) {
          expect(restored.ordersOf(account)).toEqual(session.state.ordersOf(account));
          expect(restored.workingOrdersOf(account)).toEqual(session.state.workingOrdersOf(account));
          expect(restored.orderActivity(account, 'NFO', session.now)).toEqual(session.state.orderActivity(account, 'NFO', session.now));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a fill of no book takes from the books only what the unattributed part cannot cover, oldest first, never past flat', () => {
    fc.assert(
      fc.property(fc.array(action, { minLength: 1, maxLength: 150 }), (actions) => {
        const session = run(actions);
        const state = new TradingState();
        for (const record of session.records) {
          const { event } = record;
          const order = event.type === 'OrderFilled' ? session.state.order(event.orderId)! : undefined;
          const outside = order !== undefined && order.strategyId === null && order.portfolioId === null;
          const of = (positions: readonly PositionState[]) =>
            positions.filter((position) => order !== undefined && position.instrumentId === order.instrumentId && position.product === order.product).map((position) => position.netQuantity);
          const netBefore = order ? state.netQuantity(order.accountId, order.instrumentId, order.product) : 0;
          const before = order ? of(state.bookPositionsOf(order.accountId)) : [];
          const others = (positions: readonly PositionState[]) => positions.filter((position) => order !== undefined && (position.instrumentId !== order.instrumentId || position.product !== order.product)).map((position) => position.netQuantity);
          const othersBefore = order ? others(state.bookPositionsOf(order.accountId)) : [];
          state.apply(record);
          if (!outside || event.type !== 'OrderFilled') continue;
          const after = of(state.bookPositionsOf(order.accountId)).slice(0, before.length);
          // Books of other instruments or products (the broker nets MIS and NRML apart) are not touched.
          expect(others(state.bookPositionsOf(order.accountId))).toEqual(othersBefore);
          const signed = (order.side === 'BUY' ? 1 : -1) * event.quantity;
          const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
          const taken = Math.abs(sum(before) - sum(after));
          // No book grows or changes side; only books on the side the fill reduces shrink.
          for (const [index, quantity] of after.entries()) {
            const was = before[index]!;
            expect(Math.abs(quantity)).toBeLessThanOrEqual(Math.abs(was));
            expect(quantity === 0 || Math.sign(quantity) === Math.sign(was)).toBe(true);
            if (quantity !== was) expect(Math.sign(was)).toBe(Math.sign(netBefore));
          }
          // Oldest first: a book is touched only once every older one on that side is flat.
          const sameSide = before.flatMap((quantity, index) => (quantity !== 0 && Math.sign(quantity) === Math.sign(netBefore) ? [index] : []));
          const touched = after.flatMap((quantity, index) => (quantity !== before[index] ? [index] : []));
          for (const index of touched.slice(0, -1)) expect(after[index]).toBe(0);
          if (touched.length > 0) expect(sameSide.slice(0, sameSide.indexOf(touched[0]!))).toEqual([]);
          // Books are taken from only once the unattributed part on that side is used up, and no
          // more than the fill reduced the account's position (nor than the books hold).
          const reduced = netBefore !== 0 && Math.sign(signed) !== Math.sign(netBefore) ? Math.min(event.quantity, Math.abs(netBefore)) : 0;
          const unattributedOnSide = Math.max(0, Math.sign(netBefore) * (netBefore - sum(before)));
          expect(taken).toBe(Math.min(sum(sameSide.map((index) => Math.abs(before[index]!))), Math.max(0, reduced - unattributedOnSide)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('positions equal the sum of signed fills; P&L is exact; nothing fills beyond its quantity; books add up to the net', () => {
    fc.assert(
      // `unquoted`: instruments without a quote when the day P&L is priced (a feed that has not sent one yet).
      fc.property(fc.array(action, { minLength: 1, maxLength: 150 }), fc.subarray(SESSION_INSTRUMENTS.map((instrument): string => instrument.id)), (actions, unquoted) => {
        const session = run(actions);
        const signed = new Map<string, number>();
        const cash = new Map<string, number>();
        for (const { event } of session.records) {
          if (event.type !== 'OrderFilled') continue;
          const order = session.state.order(event.orderId)!;
          const key = `${order.accountId}|${order.instrumentId}|${order.product}`;
          const sign = order.side === 'BUY' ? 1 : -1;
          signed.set(key, (signed.get(key) ?? 0) + sign * event.quantity);
          cash.set(key, (cash.get(key) ?? 0) - sign * event.quantity * event.price);
        }
        for (const account of SESSION_ACCOUNTS) {
          // The indexes the risk checks read are kept by the fold; they must equal a recount.
          const working = new Map<string, { buy: number; sell: number }>();
          for (const order of session.state.workingOrdersOf(account)) {
            if (order.remainingQuantity === 0) continue;
            const totals = working.get(order.instrumentId) ?? { buy: 0, sell: 0 };
            if (order.side === 'BUY') totals.buy += order.remainingQuantity;
            else totals.sell += order.remainingQuantity;
            working.set(order.instrumentId, totals);
          }
          expect(new Map([...session.state.exposures(account)].filter(([, totals]) => totals.buy !== 0 || totals.sell !== 0).map(([id, { buy, sell }]) => [id, { buy, sell }]))).toEqual(working);
          // And per product (the position limits count a product's own working orders).
          for (const product of ['MIS', 'NRML'] as const) {
            for (const id of session.state.exposures(account).keys()) {
              const own = { buy: 0, sell: 0 };
              for (const order of session.state.workingOrdersOf(account)) {
                if (order.instrumentId !== id || order.product !== product) continue;
                if (order.side === 'BUY') own.buy += order.remainingQuantity;
                else own.sell += order.remainingQuantity;
              }
              expect(session.state.productWorking(account, id, product)).toEqual(own);
            }
          }
          const netByInstrument = new Map<string, number>();
          for (const position of session.state.positionsOf(account)) {
            if (position.netQuantity !== 0) netByInstrument.set(position.instrumentId, (netByInstrument.get(position.instrumentId) ?? 0) + position.netQuantity);
          }
          expect(new Map([...session.state.exposures(account)].filter(([, { net }]) => net !== 0).map(([id, { net }]) => [id, net]))).toEqual(new Map([...netByInstrument].filter(([, quantity]) => quantity !== 0)));
          // Per product: an MIS long beside an NRML short of one instrument nets to zero, yet is two positions to close.
          expect(session.state.accountsWithOpenPositions().includes(account)).toBe(session.state.positionsOf(account).some((position) => position.netQuantity !== 0));
          // The daily-loss check's day P&L (the fold's linear terms) equals the position-by-position
          // definition: today (terms kept through the session's fills), and two days on (rebuilt, all
          // carried); with every quote, and with some instruments unquoted (positions in two products
          // of one instrument can net to zero while each still needs its quote).
          for (const at of [session.now, session.now + 2 * 86_400_000]) {
            for (const missing of [[], unquoted]) {
              const view = new TradingRiskView(session.state, { latest: (id) => (missing.includes(id) ? undefined : session.quote(id)), instrument: () => undefined, now: () => at });
              expect(view.dayPnl(account)).toBe(view.dayPnlByPosition(account, istDayNumber(at)));
            }
          }
          for (const order of session.state.ordersOf(account)) {
            expect(session.state.findByClientOrderId(account, order.clientOrderId)).toBe(order);
            if (order.brokerOrderId !== null) expect(session.state.findByBrokerOrderId(account, order.brokerOrderId)).toBe(order);
            expect(order.filledQuantity).toBeLessThanOrEqual(order.quantity);
            if (order.status === 'FILLED') expect(order.filledQuantity).toBe(order.quantity);
          }
          const net = session.state.positionsOf(account);
          for (const position of net) {
            const key = `${account}|${position.instrumentId}|${position.product}`;
            const mark = session.quote(position.instrumentId).lastPrice;
            expect(position.netQuantity).toBe(signed.get(key) ?? 0);
            expect(position.realizedPnl + unrealizedPnl(position, mark)).toBe((cash.get(key) ?? 0) + position.netQuantity * mark);
          }
          // Virtual books: each book holds its own orders' fills, less what fills from outside any
          // book took from it (oldest book first, beyond the unattributed part; ADR 0010) — recounted
          // here from the fills in journal order — and its P&L is exact over those.
          const books = session.state.bookPositionsOf(account);
          for (const book of books) expect(book.strategyId === null && book.portfolioId === null).toBe(false);
          const expected = expectedBooks(session, account);
          expect(books.map((book) => [book.instrumentId, book.product, book.portfolioId ?? book.strategyId, book.netQuantity])).toEqual(expected.map((book) => [book.instrumentId, book.product, book.book, book.quantity]));
          for (const [index, book] of books.entries()) {
            const mark = session.quote(book.instrumentId).lastPrice;
            expect(book.realizedPnl + unrealizedPnl(book, mark)).toBe(expected[index]!.cash + book.netQuantity * mark);
          }
        }
        // Terminal orders never work at the venue; working ones do.
        const venueBooks = session.venue.books();
        for (const account of SESSION_ACCOUNTS) {
          for (const order of session.state.ordersOf(account)) {
            const atVenue = venueBooks.orders.filter((candidate) => candidate.clientOrderId === order.clientOrderId && candidate.accountId === account);
            expect(atVenue.length).toBeLessThanOrEqual(1);
            if (order.status === 'DENIED') expect(atVenue).toHaveLength(0);
            else expect(atVenue[0]?.filledQuantity).toBe(order.filledQuantity);
            if (atVenue[0] && isTerminalStatus(order.status)) expect(['OPEN', 'TRIGGER_PENDING']).not.toContain(atVenue[0].status);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

/**
 * The books' quantities and cash flows recounted from the journal's fills: a book's own fills, and
 * from a fill of no book that reduces the account's position, what its unattributed part does not
 * cover, taken from the books on that side in the order they opened. The books of one account, in
 * the order they opened.
 */
function expectedBooks(session: InMemorySession, account: string): { instrumentId: string; product: string; book: string; quantity: number; cash: number }[] {
  const books: { instrumentId: string; product: string; book: string; quantity: number; cash: number }[] = [];
  const nets = new Map<string, number>();
  for (const { event } of session.records) {
    if (event.type !== 'OrderFilled') continue;
    const order = session.state.order(event.orderId)!;
    if (order.accountId !== account) continue;
    const key = `${order.instrumentId}|${order.product}`;
    const signed = (order.side === 'BUY' ? 1 : -1) * event.quantity;
    const before = nets.get(key) ?? 0;
    nets.set(key, before + signed);
    const same = books.filter((book) => book.instrumentId === order.instrumentId && book.product === order.product);
    const attributed = order.portfolioId ?? order.strategyId;
    if (attributed !== null) {
      let book = same.find((candidate) => candidate.book === attributed);
      if (!book) books.push((book = { instrumentId: order.instrumentId, product: order.product, book: attributed, quantity: 0, cash: 0 }));
      book.quantity += signed;
      book.cash -= signed * event.price;
      continue;
    }
    if (before === 0 || Math.sign(signed) === Math.sign(before)) continue;
    const unattributed = before - same.reduce((sum, book) => sum + book.quantity, 0);
    let excess = Math.min(event.quantity, Math.abs(before)) - Math.max(0, Math.sign(before) * unattributed);
    for (const book of same) {
      if (excess <= 0) break;
      if (Math.sign(book.quantity) !== Math.sign(before)) continue;
      const taken = Math.min(Math.abs(book.quantity), excess);
      book.quantity -= Math.sign(before) * taken;
      book.cash += Math.sign(before) * taken * event.price;
      excess -= taken;
    }
  }
  return books;
}
