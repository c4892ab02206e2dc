import { formatIstTimestamp } from '../rest/kite-units.ts';
import type { FakeTrade } from './fake-order-book.ts';
import { instrumentKey, rupees, type FakeInstrument } from './fake-kite-universe.ts';

/**
 * The fake Kite's read payloads — positions, margins, basket margins, quotes, candles, profile and
 * session — in the shapes of Kite's published samples, with our own values. The numbers are
 * illustrative (margins follow a simple rule, not SPAN); the shapes and units are what matter.
 * All arithmetic is in integer paise; rupees appear only in the JSON.
 */
export type MarketPrice = (key: string) => number;

export type FakeUser = { userId: string; userName: string; email: string };

export function profileJson(user: FakeUser): Record<string, unknown> {
  return {
    user_id: user.userId,
    user_type: 'individual',
    email: user.email,
    user_name: user.userName,
    user_shortname: user.userName.split(' ')[0] ?? user.userName,
    broker: 'ZERODHA',
    exchanges: ['NSE', 'NFO', 'BFO', 'CDS', 'BSE', 'MCX', 'BCD', 'MF'],
    products: ['CNC', 'NRML', 'MIS', 'BO', 'CO'],
    order_types: ['MARKET', 'LIMIT', 'SL', 'SL-M'],
    avatar_url: null,
    meta: { demat_consent: 'physical' },
  };
}

export function sessionJson(user: FakeUser, apiKey: string, accessToken: string, publicToken: string, loginAt: number): Record<string, unknown> {
  return {
    ...profileJson(user),
    avatar_url: '',
    api_key: apiKey,
    access_token: accessToken,
    public_token: publicToken,
    enctoken: '',
    refresh_token: '',
    silo: '',
    login_time: formatIstTimestamp(loginAt),
  };
}

type Aggregate = { instrument: FakeInstrument; product: string; buyQuantity: number; buyValue: number; sellQuantity: number; sellValue: number };

/** Net position per instrument and product, from the day's trades (the fake carries nothing overnight). */
export function aggregatePositions(trades: readonly FakeTrade[]): Aggregate[] {
  const byKey = new Map<string, Aggregate>();
  for (const trade of trades) {
    const key = `${instrumentKey(trade.order.instrument)}|${trade.order.product}`;
    const entry = byKey.get(key) ?? { instrument: trade.order.instrument, product: trade.order.product, buyQuantity: 0, buyValue: 0, sellQuantity: 0, sellValue: 0 };
    if (trade.order.transactionType === 'BUY') {
      entry.buyQuantity += trade.quantity;
      entry.buyValue += trade.price * trade.quantity;
    } else {
      entry.sellQuantity += trade.quantity;
      entry.sellValue += trade.price * trade.quantity;
    }
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

const average = (value: number, quantity: number): number => (quantity === 0 ? 0 : Math.round(value / quantity));

function positionJson(p: Aggregate, lastPrice: number): Record<string, unknown> {
  const quantity = p.buyQuantity - p.sellQuantity;
  const buyPrice = average(p.buyValue, p.buyQuantity);
  const sellPrice = average(p.sellValue, p.sellQuantity);
  const pnl = p.sellValue - p.buyValue + quantity * lastPrice;
  const realised = Math.min(p.buyQuantity, p.sellQuantity) * (sellPrice - buyPrice);
  return {
    tradingsymbol: p.instrument.tradingsymbol,
    exchange: p.instrument.exchange,
    instrument_token: p.instrument.instrumentToken,
    product: p.product,
    quantity,
    overnight_quantity: 0,
    multiplier: 1,
    average_price: rupees(quantity > 0 ? buyPrice : quantity < 0 ? sellPrice : 0),
    close_price: 0,
    last_price: rupees(lastPrice),
    value: rupees(p.sellValue - p.buyValue),
    pnl: rupees(pnl),
    m2m: rupees(pnl),
    unrealised: rupees(pnl - realised),
    realised: rupees(realised),
    buy_quantity: p.buyQuantity,
    buy_price: rupees(buyPrice),
    buy_value: rupees(p.buyValue),
    buy_m2m: rupees(p.buyValue),
    sell_quantity: p.sellQuantity,
    sell_price: rupees(sellPrice),
    sell_value: rupees(p.sellValue),
    sell_m2m: rupees(p.sellValue),
    day_buy_quantity: p.buyQuantity,
    day_buy_price: rupees(buyPrice),
    day_buy_value: rupees(p.buyValue),
    day_sell_quantity: p.sellQuantity,
    day_sell_price: rupees(sellPrice),
    day_sell_value: rupees(p.sellValue),
  };
}

export function positionsJson(trades: readonly FakeTrade[], price: MarketPrice): Record<string, unknown> {
  const rows = aggregatePositions(trades).map((p) => positionJson(p, price(instrumentKey(p.instrument))));
  return { net: rows, day: rows.map((row) => ({ ...row })) };
}

/** Margin rule of the fake: short options and futures block 9 % + 2 % of the underlying's value; long options their premium. */
function blocked(instrument: FakeInstrument, side: 'BUY' | 'SELL', quantity: number, price: number, spot: number) {
  const option = instrument.instrumentType === 'CE' || instrument.instrumentType === 'PE';
  if (option && side === 'BUY') return { span: 0, exposure: 0, premium: quantity * price };
  return { span: Math.round(quantity * spot * 0.09), exposure: Math.round(quantity * spot * 0.02), premium: option ? -quantity * price : 0 };
}

function segmentJson(cash: number, used: { span: number; exposure: number; premium: number }): Record<string, unknown> {
  const debits = used.span + used.exposure + Math.max(0, used.premium);
  return {
    enabled: true,
    net: rupees(cash - debits),
    available: { adhoc_margin: 0, cash: rupees(cash), opening_balance: rupees(cash), live_balance: rupees(cash - debits), collateral: 0, intraday_payin: 0 },
    utilised: {
      debits: rupees(debits),
      exposure: rupees(used.exposure),
      m2m_realised: 0,
      m2m_unrealised: 0,
      option_premium: rupees(Math.max(0, used.premium)),
      payout: 0,
      span: rupees(used.span),
      holding_sales: 0,
      turnover: 0,
      liquid_collateral: 0,
      stock_collateral: 0,
      delivery: 0,
    },
  };
}

export function marginsJson(cash: number, trades: readonly FakeTrade[], price: MarketPrice, spot: number): Record<string, unknown> {
  const used = { span: 0, exposure: 0, premium: 0 };
  for (const p of aggregatePositions(trades)) {
    const quantity = p.buyQuantity - p.sellQuantity;
    if (quantity === 0) continue;
    const part = blocked(p.instrument, quantity > 0 ? 'BUY' : 'SELL', Math.abs(quantity), price(instrumentKey(p.instrument)), spot);
    used.span += part.span;
    used.exposure += part.exposure;
    used.premium += Math.max(0, part.premium);
  }
  return { equity: segmentJson(cash, used), commodity: segmentJson(0, { span: 0, exposure: 0, premium: 0 }) };
}

export type BasketLeg = { instrument: FakeInstrument; side: 'BUY' | 'SELL'; quantity: number; price: number };

function chargesJson(turnover: number): Record<string, unknown> {
  const exchange = Math.round(turnover * 0.0005);
  const gst = Math.round((2_000 + exchange) * 0.18);
  return {
    transaction_tax: 0,
    transaction_tax_type: 'stt',
    exchange_turnover_charge: rupees(exchange),
    sebi_turnover_charge: 0,
    brokerage: 20,
    stamp_duty: 0,
    gst: { igst: rupees(gst), cgst: 0, sgst: 0, total: rupees(gst) },
    total: rupees(2_000 + exchange + gst),
  };
}

function breakdownJson(leg: { tradingsymbol: string; exchange: string; type: string }, m: { span: number; exposure: number; premium: number }, charges: Record<string, unknown>): Record<string, unknown> {
  return {
    type: leg.type,
    tradingsymbol: leg.tradingsymbol,
    exchange: leg.exchange,
    span: rupees(m.span),
    exposure: rupees(m.exposure),
    option_premium: rupees(m.premium),
    additional: 0,
    bo: 0,
    cash: 0,
    var: 0,
    pnl: { realised: 0, unrealised: 0 },
    leverage: leg.type === '' ? 0 : 1,
    charges,
    total: rupees(m.span + m.exposure + Math.max(0, m.premium)),
  };
}

/** POST /margins/basket: each leg alone (`orders`), their sum (`initial`) and the hedged basket (`final`). */
export function basketMarginsJson(legs: readonly BasketLeg[], spot: number): Record<string, unknown> {
  const noCharges = chargesJson(0);
  const orders = legs.map((leg) => {
    const m = blocked(leg.instrument, leg.side, leg.quantity, leg.price, spot);
    const alone = { span: m.span, exposure: m.exposure, premium: Math.max(0, m.premium) };
    return { m, json: breakdownJson({ ...leg.instrument, type: 'equity' }, alone, chargesJson(leg.quantity * leg.price)) };
  });
  const sum = (pick: (m: { span: number; exposure: number; premium: number }) => number) => orders.reduce((total, o) => total + pick(o.m), 0);
  const initial = { span: sum((m) => m.span), exposure: sum((m) => m.exposure), premium: sum((m) => Math.max(0, m.premium)) };
  // A basket holding bought and sold options is hedged: the fake gives 70 % off SPAN for it.
  const hedged = legs.some((l) => l.side === 'BUY' && l.instrument.instrumentType !== 'FUT') && legs.some((l) => l.side === 'SELL');
  const final = { span: hedged ? Math.round(initial.span * 0.3) : initial.span, exposure: initial.exposure, premium: sum((m) => m.premium) };
  const total = { tradingsymbol: '', exchange: '', type: '' };
  return {
    initial: breakdownJson(total, initial, noCharges),
    final: breakdownJson(total, final, noCharges),
    orders: orders.map((o) => o.json),
    charges: { ...chargesJson(0), brokerage: 20 * legs.length },
  };
}

const tickOf = (instrument: FakeInstrument): number => (instrument.tickSize > 0 ? instrument.tickSize : 5);
const onTick = (value: number, tick: number): number => Math.max(tick, Math.round(value / tick) * tick);

function ohlcOf(instrument: FakeInstrument, price: number) {
  const tick = tickOf(instrument);
  return { open: onTick(price * 0.99, tick), high: onTick(price * 1.02, tick), low: onTick(price * 0.97, tick), close: onTick(price * 0.995, tick) };
}

export const ltpJson = (instrument: FakeInstrument, price: number): Record<string, unknown> => ({ instrument_token: instrument.instrumentToken, last_price: rupees(price) });

export function ohlcJson(instrument: FakeInstrument, price: number): Record<string, unknown> {
  const o = ohlcOf(instrument, price);
  return { ...ltpJson(instrument, price), ohlc: { open: rupees(o.open), high: rupees(o.high), low: rupees(o.low), close: rupees(o.close) } };
}

/** GET /quote item: five levels a tick apart each side (indices have no book: zero levels, as Kite pads). */
export function quoteJson(instrument: FakeInstrument, price: number, now: number): Record<string, unknown> {
  const tick = tickOf(instrument);
  const index = instrument.segment === 'INDICES';
  const level = (k: number, side: 1 | -1) =>
    index ? { price: 0, quantity: 0, orders: 0 } : { price: rupees(price + side * k * tick), quantity: instrument.lotSize * (k * 3 + 1), orders: k + 1 };
  const o = ohlcOf(instrument, price);
  return {
    instrument_token: instrument.instrumentToken,
    timestamp: formatIstTimestamp(now),
    last_trade_time: formatIstTimestamp(now - 1_000),
    last_price: rupees(price),
    last_quantity: index ? 0 : instrument.lotSize,
    buy_quantity: index ? 0 : instrument.lotSize * 40,
    sell_quantity: index ? 0 : instrument.lotSize * 35,
    volume: index ? 0 : instrument.lotSize * 12_345,
    average_price: rupees(index ? 0 : onTick(price * 1.001, tick)),
    oi: index ? 0 : instrument.lotSize * 5_000,
    oi_day_high: index ? 0 : instrument.lotSize * 5_200,
    oi_day_low: index ? 0 : instrument.lotSize * 4_800,
    net_change: 0,
    lower_circuit_limit: rupees(index ? 0 : onTick(price * 0.6, tick)),
    upper_circuit_limit: rupees(index ? 0 : onTick(price * 1.4, tick)),
    ohlc: { open: rupees(o.open), high: rupees(o.high), low: rupees(o.low), close: rupees(o.close) },
    depth: { buy: [1, 2, 3, 4, 5].map((k) => level(k - 1, -1)), sell: [1, 2, 3, 4, 5].map((k) => level(k, 1)) },
  };
}

const INTERVAL_MINUTES: Record<string, number> = { minute: 1, '3minute': 3, '5minute': 5, '10minute': 10, '15minute': 15, '30minute': 30, '60minute': 60, day: 1_440 };
export const isCandleInterval = (interval: string): boolean => Object.hasOwn(INTERVAL_MINUTES, interval);
const MAX_CANDLES = 2_000;

/** Deterministic candles from `from` to `to` (IST wall-clock strings' epochs), `[time, o, h, l, c, volume(, oi)]`. */
export function candlesJson(instrument: FakeInstrument, interval: string, from: number, to: number, withOi: boolean, base: number): unknown[][] {
  const stepMs = (INTERVAL_MINUTES[interval] ?? 1) * 60_000;
  const tick = tickOf(instrument);
  const priceAt = (i: number): number => onTick(base + (((i * 37 + instrument.exchangeToken) % 21) - 10) * tick, tick);
  const candles: unknown[][] = [];
  for (let at = from, i = 0; at <= to && i < MAX_CANDLES; at += stepMs, i += 1) {
    const open = priceAt(i);
    const close = priceAt(i + 1);
    const candle: unknown[] = [
      `${formatIstTimestamp(at).replace(' ', 'T')}+0530`,
      rupees(open),
      rupees(Math.max(open, close) + tick),
      rupees(Math.max(tick, Math.min(open, close) - tick)),
      rupees(close),
      1_000 + ((i * 131) % 500),
    ];
    if (withOi) candle.push(1_000_000 + i * instrument.lotSize);
    candles.push(candle);
  }
  return candles;
}
