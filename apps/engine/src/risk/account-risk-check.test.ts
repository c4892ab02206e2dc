import { describe, expect, it } from 'vitest';
import { asAccountId, asInstrumentId, DEFAULT_RISK_LIMITS, paise, type Instrument, type OrderSpec, type RiskLimits } from '@strikedesk/domain';
import type { WorkingOrder } from '../orders/trading-state.ts';
import { checkAccountRisk, type AccountRiskRequest, type AccountRiskView } from './account-risk-check.ts';

const ACCOUNT = asAccountId('11111111-1111-4111-8111-111111111111');
const instrument = (id: string, underlying: string, lotSize: number): Instrument => ({
  id: asInstrumentId(id),
  exchange: 'NFO',
  tradingSymbol: id.slice(4),
  underlying,
  displayName: id.slice(4),
  kind: 'FUTURE',
  expiry: '2026-12-29',
  expiryType: 'MONTHLY',
  strike: null,
  lotSize,
  tickSize: paise(5),
  freezeQuantity: lotSize * 27,
  tradable: true,
});
const FUT = instrument('NFO:NIFTY26DECFUT', 'NIFTY', 65);
const CALL = instrument('NFO:NIFTY26DEC26000CE', 'NIFTY', 65);
const BANK = instrument('NFO:BANKNIFTY26DECFUT', 'BANKNIFTY', 30);
const catalog = new Map([FUT, CALL, BANK].map((i) => [i.id as string, i]));

/** Nothing but the limit under test switched on. */
const ONLY: RiskLimits = {
  maxOrderLots: null,
  maxOrderValue: null,
  maxOpenOrders: null,
  maxPositionLotsPerInstrument: null,
  maxPositionLotsPerUnderlying: null,
  priceBandPercent: null,
  ordersPerSecond: 1_000,
  ordersPerMinute: null,
  ordersPerDay: null,
  dailyLossLimit: null,
  squareOffOnDailyLoss: false,
};

/** `net`: NRML positions by instrument; `mis`: MIS ones (the exposures sum both, as the fold's do). */
type ViewState = { open?: number; working?: WorkingOrder[]; net?: Record<string, number>; mis?: Record<string, number>; activity?: { lastSecond: number; lastMinute: number; today: number }; dayPnl?: number };
const totalsOf = (working: WorkingOrder[] = []) => {
  const totals = new Map<string, { buy: number; sell: number }>();
  for (const order of working) {
    const entry = totals.get(order.instrumentId) ?? { buy: 0, sell: 0 };
    if (order.side === 'BUY') entry.buy += order.remainingQuantity;
    else entry.sell += order.remainingQuantity;
    totals.set(order.instrumentId, entry);
  }
  return totals;
};
const exposuresOf = (state: ViewState) => {
  const exposures = new Map<string, { buy: number; sell: number; net: number }>();
  for (const [id, totals] of totalsOf(state.working)) exposures.set(id, { ...totals, net: 0 });
  for (const [id, net] of [...Object.entries(state.net ?? {}), ...Object.entries(state.mis ?? {})]) {
    const entry = exposures.get(id) ?? { buy: 0, sell: 0, net: 0 };
    exposures.set(id, { ...entry, net: entry.net + net });
  }
  return exposures;
};
const view = (state: ViewState = {}): AccountRiskView => ({
  openOrderCount: () => state.open ?? 0,
  exposures: () => exposuresOf(state),
  netQuantity: (_accountId, instrumentId, product) => (product === 'MIS' ? state.mis : state.net)?.[instrumentId] ?? 0,
  orderActivity: () => state.activity ?? { lastSecond: 0, lastMinute: 0, today: 0 },
  dayPnl: () => paise(state.dayPnl ?? 0),
  instrument: (id) => catalog.get(id),
});
const spec = (overrides: Partial<OrderSpec> = {}): OrderSpec => ({
  instrumentId: FUT.id,
  side: 'BUY',
  type: 'MARKET',
  product: 'NRML',
  quantity: 65,
  price: null,
  triggerPrice: null,
  ...overrides,
});
const request = (overrides: Partial<OrderSpec> = {}, extra: Partial<AccountRiskRequest> = {}): AccountRiskRequest => ({
  accountId: ACCOUNT,
  instrument: catalog.get(overrides.instrumentId ?? FUT.id) ?? FUT,
  spec: spec(overrides),
  origin: 'TERMINAL',
  sliceCount: 1,
  quote: { lastPrice: paise(2_600_000), bid: null, ask: null },
  now: 0,
  ...extra,
});
const check = (limits: Partial<RiskLimits>, req: AccountRiskRequest, state?: ViewState) => checkAccountRisk(req, { ...ONLY, ...limits }, view(state));
const working = (instrumentId: string, side: 'BUY' | 'SELL', remainingQuantity: number, orderId = `w-${instrumentId}-${side}-${remainingQuantity}`): WorkingOrder => ({
  orderId: orderId as WorkingOrder['orderId'],
  instrumentId,
  product: 'NRML',
  side,
  remainingQuantity,
});

describe('account risk limits', () => {
  it('passes everything with the defaults for a one-lot order', () => {
    expect(checkAccountRisk(request(), DEFAULT_RISK_LIMITS, view())).toBeNull();
  });

  it('max lots per order, counted before slicing', () => {
    expect(check({ maxOrderLots: 10 }, request({ quantity: 65 * 10 }))).toBeNull();
    expect(check({ maxOrderLots: 10 }, request({ quantity: 65 * 11 }), {})).toMatchObject({ code: 'RISK_MAX_ORDER_QUANTITY', message: expect.stringContaining('11 lots asked; your maximum is 10 lots') });
  });

  it('max order value at the limit price, the trigger for SL-M, the last price for MARKET', () => {
    const limit = { maxOrderValue: paise(65 * 2_600_000) };
    expect(check(limit, request())).toBeNull(); // 65 × LTP exactly
    expect(check(limit, request({ quantity: 130 }))?.code).toBe('RISK_MAX_ORDER_VALUE');
    expect(check(limit, request({ type: 'LIMIT', price: paise(2_600_005) }))?.code).toBe('RISK_MAX_ORDER_VALUE');
    expect(check(limit, request({ type: 'SL_M', triggerPrice: paise(2_599_995) }))).toBeNull();
  });

  it('price band around the last price for the limit and the trigger, both ways', () => {
    const band = { priceBandPercent: 5 };
    expect(check(band, request({ type: 'LIMIT', price: paise(2_470_000) }))).toBeNull(); // exactly −5%
    expect(check(band, request({ type: 'LIMIT', price: paise(2_469_995) }))).toMatchObject({ code: 'RISK_PRICE_BAND', message: expect.stringContaining('more than 5% from the last price ₹26,000 (allowed ₹24,700–₹27,300)') });
    expect(check(band, request({ type: 'LIMIT', side: 'SELL', price: paise(2_730_005) }))?.code).toBe('RISK_PRICE_BAND');
    expect(check(band, request({ type: 'SL', price: paise(2_600_000), triggerPrice: paise(2_000_000) }))?.code).toBe('RISK_PRICE_BAND');
    expect(check(band, request())).toBeNull(); // a MARKET order has no price to check
  });

  it('the allowed range in a price-band refusal is the one the check applies, to the paisa', () => {
    // ₹1.00 at 15%: ₹0.85 and ₹1.15 pass, so the message must not say ₹0.86–₹1.14.
    const band = { priceBandPercent: 15 };
    const at = (price: number) => request({ type: 'LIMIT', price: paise(price) }, { quote: { lastPrice: paise(100), bid: null, ask: null } });
    expect([check(band, at(85)), check(band, at(115))]).toEqual([null, null]);
    expect(check(band, at(116))?.message).toContain('(allowed ₹0.85–₹1.15)');
  });

  it('a price exactly at a fractional band\'s edge passes, and the refusal names that edge', () => {
    // 2.3% of ₹250 is ₹5.75: ₹255.75 is at the edge. 2.3 × 25,000 in binary floating point is
    // 57,499.999…, under 575 × 100: the edge itself used to be refused.
    const band = { priceBandPercent: 2.3 };
    const at = (price: number) => request({ type: 'LIMIT', price: paise(price) }, { quote: { lastPrice: paise(25_000), bid: null, ask: null } });
    expect([check(band, at(25_575)), check(band, at(24_425))]).toEqual([null, null]);
    expect(check(band, at(25_580))?.message).toContain('(allowed ₹244.25–₹255.75)');
    // 0.1% of ₹410 is 41 paise: the range said must be the one applied (it said ₹409.60, one paisa short).
    const tenth = (price: number) => request({ type: 'LIMIT', price: paise(price) }, { quote: { lastPrice: paise(41_000), bid: null, ask: null } });
    expect(check({ priceBandPercent: 0.1 }, tenth(40_959))).toBeNull();
    expect(check({ priceBandPercent: 0.1 }, tenth(40_958))?.message).toContain('(allowed ₹409.59–₹410.41)');
  });

  it('the band spans the bid and ask: a limit a little through a cheap option’s wide spread passes, one far outside it does not', () => {
    // Last ₹1.15, quoted ₹1.00–₹1.35: a buy at the ask plus 2% protection is ₹1.40, 22% over the last price.
    const cheap = { quote: { lastPrice: paise(115), bid: paise(100), ask: paise(135) } };
    const band = { priceBandPercent: 20 };
    expect(check(band, request({ type: 'LIMIT', price: paise(140) }, cheap))).toBeNull();
    expect(check(band, request({ type: 'LIMIT', price: paise(162) }, cheap))).toBeNull(); // the ask + 20%
    expect(check(band, request({ type: 'LIMIT', price: paise(165) }, cheap))).toMatchObject({
      code: 'RISK_PRICE_BAND',
      message: expect.stringContaining('from the last price ₹1.15 and the bid and ask (₹1–₹1.35) (allowed ₹0.80–₹1.62)'),
    });
    expect(check(band, request({ type: 'LIMIT', side: 'SELL', price: paise(80) }, cheap))).toBeNull(); // the bid − 20%
    expect(check(band, request({ type: 'LIMIT', side: 'SELL', price: paise(75) }, cheap))?.code).toBe('RISK_PRICE_BAND');
  });

  it('a MARKET order is worth the side of the book it trades against, not a stale last price', () => {
    // Last traded at ₹2; the book now shows ₹38 bid, ₹40 offered.
    const stale = { quote: { lastPrice: paise(200), bid: paise(3_800), ask: paise(4_000) } };
    const limit = { maxOrderValue: paise(100_000_00) }; // ₹1,00,000
    expect(check(limit, request({ quantity: 7_500 }, stale))).toMatchObject({ code: 'RISK_MAX_ORDER_VALUE', message: expect.stringContaining('worth ₹3,00,000') });
    expect(check(limit, request({ quantity: 2_500 }, stale))).toBeNull(); // ₹1,00,000 at the ask
    expect(check(limit, request({ side: 'SELL', quantity: 2_500 }, stale))).toBeNull(); // ₹95,000 at the bid
    // A SL-M order trades at market once triggered: the larger of its trigger and the touch.
    expect(check(limit, request({ type: 'SL_M', triggerPrice: paise(3_000), quantity: 2_600 }, stale))?.code).toBe('RISK_MAX_ORDER_VALUE');
  });

  it('the price band is centred on the bid or ask when the last price lies outside them (stale, or 0 for a contract never traded)', () => {
    const band = { priceBandPercent: 20 };
    const stale = { quote: { lastPrice: paise(200), bid: paise(3_800), ask: paise(4_000) } };
    expect(check(band, request({ type: 'LIMIT', price: paise(4_000) }, stale))).toBeNull(); // at the offer
    // ₹38–₹40 quoted, 20%: ₹30.40 (the bid's) to ₹48 (the ask's).
    expect(check(band, request({ type: 'LIMIT', price: paise(4_800) }, stale))).toBeNull();
    expect(check(band, request({ type: 'LIMIT', price: paise(4_805) }, stale))).toMatchObject({ code: 'RISK_PRICE_BAND', message: expect.stringContaining('from the bid and ask (₹38–₹40) (the last price ₹2 is outside them) (allowed ₹30.40–₹48)') });
    const neverTraded = { quote: { lastPrice: paise(0), bid: paise(1_000), ask: paise(1_200) } };
    expect(check(band, request({ type: 'LIMIT', price: paise(1_100) }, neverTraded))).toBeNull();
    const above = { quote: { lastPrice: paise(9_000), bid: paise(3_800), ask: paise(4_000) } };
    expect(check(band, request({ type: 'LIMIT', side: 'SELL', price: paise(3_800) }, above))).toBeNull(); // within the quote
    // The trigger is named as the price out of the band.
    expect(check(band, request({ type: 'SL', price: paise(2_600_000), triggerPrice: paise(2_000_000) }))?.message).toContain('The trigger price ₹20,000');
  });

  it('lowering a working order passes every limit but the rates (a daily loss past, a price now out of the band)', () => {
    const lowered = { existing: { orderId: 'o', workingQuantity: 650, filledQuantity: 0 }, shrinksOnly: true };
    const order = request({ type: 'LIMIT', price: paise(2_000_000), quantity: 325 }, lowered); // the market has moved 23% away
    expect(check({ dailyLossLimit: paise(1_000_000), priceBandPercent: 20, maxOrderValue: paise(1) }, order, { dayPnl: -5_000_000 })).toBeNull();
    expect(check({ ordersPerSecond: 10 }, order, { activity: { lastSecond: 10, lastMinute: 10, today: 10 } })?.code).toBe('RISK_ORDER_RATE');
  });

  it('an order that closes its product but leaves the instrument more exposed over both is held to the position limits', () => {
    // NRML long 2 lots beside an MIS short 4 lots: net −2 lots. Selling the NRML 2 lots "closes" the
    // NRML long, and leaves the account 4 lots short: past a 2-lot limit.
    const hedged = { net: { [FUT.id]: 130 }, mis: { [FUT.id]: -260 } };
    expect(check({ maxPositionLotsPerInstrument: 2 }, request({ side: 'SELL', quantity: 130 }), hedged)).toMatchObject({ code: 'RISK_MAX_POSITION_INSTRUMENT', message: expect.stringContaining('would reach -4 lots') });
    expect(check({ maxPositionLotsPerInstrument: 4 }, request({ side: 'SELL', quantity: 130 }), hedged)).toBeNull(); // within the limit
    expect(check({ maxPositionLotsPerInstrument: 2 }, request({ side: 'BUY', product: 'MIS', quantity: 130 }), hedged)).toBeNull(); // takes both towards flat
    // The daily loss limit still lets a position in its product be closed (brokers net them apart).
    expect(check({ dailyLossLimit: paise(1_000_000) }, request({ side: 'SELL', quantity: 130 }), { ...hedged, dayPnl: -2_000_000 })).toBeNull();
  });

  it('max open orders counts every slice and ignores a modify', () => {
    expect(check({ maxOpenOrders: 5 }, request({}, { sliceCount: 2 }), { open: 3 })).toBeNull();
    expect(check({ maxOpenOrders: 5 }, request({}, { sliceCount: 3 }), { open: 3 })?.code).toBe('RISK_MAX_OPEN_ORDERS');
    expect(check({ maxOpenOrders: 5 }, request({}, { existing: { orderId: 'o', workingQuantity: 65, filledQuantity: 0 } }), { open: 5 })).toBeNull();
  });

  it('orders per second per segment, per minute and per day, counting each slice', () => {
    const at = (lastSecond: number, lastMinute: number, today: number) => ({ activity: { lastSecond, lastMinute, today } });
    expect(check({ ordersPerSecond: 10 }, request(), at(9, 9, 9))).toBeNull();
    expect(check({ ordersPerSecond: 10 }, request(), at(10, 10, 10))).toMatchObject({ code: 'RISK_ORDER_RATE', message: expect.stringContaining('10 NFO order messages in the last second') });
    expect(check({ ordersPerSecond: 10 }, request({}, { sliceCount: 3 }), at(8, 8, 8))?.code).toBe('RISK_ORDER_RATE');
    // An order of more slices than a second allows is refused saying so: waiting would not help.
    expect(check({ ordersPerSecond: 10 }, request({}, { sliceCount: 11 }), at(0, 0, 0))?.message).toContain('This order becomes 11 slices');
    expect(check({ ordersPerSecond: 10 }, request({}, { sliceCount: 10 }), at(0, 0, 0))).toBeNull();
    expect(check({ ordersPerMinute: 400 }, request(), at(0, 400, 400))?.code).toBe('RISK_BROKER_MINUTE_CAP');
    expect(check({ ordersPerDay: 5_000 }, request(), at(0, 0, 5_000))?.code).toBe('RISK_BROKER_DAY_CAP');
  });

  it('max position per instrument counts working orders that add to it, never those that reduce it', () => {
    const limit = { maxPositionLotsPerInstrument: 3 };
    expect(check(limit, request({ quantity: 65 }), { net: { [FUT.id]: 130 } })).toBeNull(); // 3 lots
    expect(check(limit, request({ quantity: 65 }), { net: { [FUT.id]: 130 }, working: [working(FUT.id, 'BUY', 65)] })).toMatchObject({
      code: 'RISK_MAX_POSITION_INSTRUMENT',
      message: expect.stringContaining('would reach 4 lots (with your working orders); the limit is 3 lots'),
    });
    // A working sell does not make room: it may be cancelled.
    expect(check(limit, request({ quantity: 130 }), { net: { [FUT.id]: 130 }, working: [working(FUT.id, 'SELL', 130)] })?.code).toBe('RISK_MAX_POSITION_INSTRUMENT');
    // Reducing orders pass even when over the limit.
    expect(check(limit, request({ side: 'SELL', quantity: 65 }), { net: { [FUT.id]: 650 } })).toBeNull();
  });

  it('a modify replaces its own working quantity instead of adding to it', () => {
    const limit = { maxPositionLotsPerInstrument: 3 };
    const existing = { orderId: 'mine', workingQuantity: 130, filledQuantity: 0 };
    const state = { net: { [FUT.id]: 65 }, working: [working(FUT.id, 'BUY', 130, 'mine')] };
    expect(check(limit, request({ quantity: 130 }, { existing }), state)).toBeNull(); // unchanged: 3 lots
    expect(check(limit, request({ quantity: 195 }, { existing }), state)?.code).toBe('RISK_MAX_POSITION_INSTRUMENT');
  });

  it('max position per underlying sums |lots| over its futures and options', () => {
    const limit = { maxPositionLotsPerUnderlying: 5 };
    const state = { net: { [FUT.id]: 65 * 2, [CALL.id]: -65 * 2, [BANK.id]: 30 * 50 } };
    expect(check(limit, request({ instrumentId: CALL.id, side: 'SELL', quantity: 65 }), state)).toBeNull(); // 2 + 3
    expect(check(limit, request({ instrumentId: CALL.id, side: 'SELL', quantity: 130 }), state)).toMatchObject({ code: 'RISK_MAX_POSITION_UNDERLYING', message: expect.stringContaining('NIFTY futures and options would reach 6 lots') });
    expect(check(limit, request({ instrumentId: CALL.id, side: 'BUY', quantity: 65 }), state)).toBeNull(); // reduces the short call
  });

  it('daily loss limit blocks only orders that add exposure', () => {
    const limit = { dailyLossLimit: paise(1_000_000) };
    const losing = { net: { [FUT.id]: 130 }, dayPnl: -1_000_000 };
    expect(check(limit, request(), losing)).toMatchObject({ code: 'RISK_DAILY_LOSS', message: expect.stringContaining('Day P&L is −₹10,000; the limit is −₹10,000') });
    expect(check(limit, request({ side: 'SELL', quantity: 130 }), losing)).toBeNull(); // closing is always allowed
    expect(check(limit, request(), { ...losing, dayPnl: -999_999 })).toBeNull();
  });

  it('past the daily loss limit a trader may close but not flip through zero, nor sell against a working buy', () => {
    const limit = { dailyLossLimit: paise(1_000_000) };
    const losing = { net: { [FUT.id]: 65 }, dayPnl: -1_000_000 };
    expect(check(limit, request({ side: 'SELL', quantity: 65 }), losing)).toBeNull(); // long 1 → flat
    expect(check(limit, request({ side: 'SELL', quantity: 130 }), losing)?.code).toBe('RISK_DAILY_LOSS'); // long 1 → short 1
    // Flat with a BUY of 5 lots working: a SELL of 5 is a new short if the buy is cancelled.
    expect(check(limit, request({ side: 'SELL', quantity: 325 }), { dayPnl: -1_000_000, working: [working(FUT.id, 'BUY', 325)] })?.code).toBe('RISK_DAILY_LOSS');
    // Long 2 with a SELL of 1 already working: one more lot closes it, two would go short.
    const exiting = { net: { [FUT.id]: 130 }, dayPnl: -1_000_000, working: [working(FUT.id, 'SELL', 65)] };
    expect(check(limit, request({ side: 'SELL', quantity: 65 }), exiting)).toBeNull();
    expect(check(limit, request({ side: 'SELL', quantity: 130 }), exiting)?.code).toBe('RISK_DAILY_LOSS');
  });

  it('past the daily loss limit an order in another product is no way out: brokers net MIS and NRML apart', () => {
    const limit = { dailyLossLimit: paise(1_000_000) };
    const losing = { net: { [FUT.id]: 65 }, dayPnl: -1_000_000 }; // NRML long 1 lot
    expect(check(limit, request({ side: 'SELL', quantity: 65, product: 'NRML' }), losing)).toBeNull();
    expect(check(limit, request({ side: 'SELL', quantity: 65, product: 'MIS' }), losing)?.code).toBe('RISK_DAILY_LOSS'); // a new MIS short
    expect(check(limit, request({ side: 'BUY', quantity: 65, product: 'MIS' }), { mis: { [FUT.id]: -65 }, net: { [FUT.id]: 65 }, dayPnl: -1_000_000 })).toBeNull(); // closes the MIS short
  });

  it('a closing order may be lowered past the daily loss limit (its own working quantity is what it replaces)', () => {
    const limit = { dailyLossLimit: paise(1_000_000) };
    const existing = { orderId: 'exit', workingQuantity: 130, filledQuantity: 0 };
    const state = { net: { [FUT.id]: 130 }, dayPnl: -1_000_000, working: [working(FUT.id, 'SELL', 130, 'exit')] };
    expect(check(limit, request({ side: 'SELL', quantity: 65 }, { existing }), state)).toBeNull();
    expect(check(limit, request({ side: 'SELL', quantity: 195 }, { existing }), state)?.code).toBe('RISK_DAILY_LOSS'); // now past flat
  });

  it('a flip through zero past a lowered position limit is refused; reducing towards flat is not', () => {
    const limit = { maxPositionLotsPerInstrument: 3 };
    const over = { net: { [FUT.id]: 65 * 5 } }; // long 5 lots, limit lowered to 3
    expect(check(limit, request({ side: 'SELL', quantity: 65 * 5 }), over)).toBeNull(); // → flat
    expect(check(limit, request({ side: 'SELL', quantity: 65 * 7 }), over)).toBeNull(); // → short 2, within the limit
    expect(check(limit, request({ side: 'SELL', quantity: 65 * 10 }), over)?.code).toBe('RISK_MAX_POSITION_INSTRUMENT'); // → short 5
  });

  it('never blocks the engine\'s own exits', () => {
    const tight: Partial<RiskLimits> = { maxOrderLots: 1, maxOpenOrders: 1, ordersPerSecond: 1, priceBandPercent: 1, dailyLossLimit: paise(1) };
    const state = { open: 5, activity: { lastSecond: 50, lastMinute: 50, today: 50 }, dayPnl: -1_000_000, net: { [FUT.id]: 65 * 40 } };
    for (const origin of ['SQUARE_OFF', 'KILL_SWITCH', 'RISK'] as const) {
      expect(check(tight, request({ side: 'SELL', quantity: 65 * 40 }, { origin, sliceCount: 2 }), state)).toBeNull();
    }
    expect(check(tight, request({ side: 'SELL', quantity: 65 * 40 }, { origin: 'WEBHOOK', sliceCount: 2 }), state)?.code).toBe('RISK_MAX_ORDER_QUANTITY');
  });
});
