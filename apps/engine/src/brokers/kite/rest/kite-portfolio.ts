import { z } from 'zod';
import { ProductSchema, type AccountId, type InstrumentId, type Paise, type Product } from '@strikedesk/domain';
import type { BrokerOrderRequest, BrokerPosition } from '../../broker.ts';
import type { KiteHttp } from './kite-http.ts';
import { KITE_ORDER_TYPE, withRaw } from './kite-order-mapping.ts';
import type { KiteVariety } from './kite-orders.ts';
import { paiseToRupeesText, rupeesToPaise, splitInstrumentId, toInstrumentId } from './kite-units.ts';

/** Positions (net and day), the account's margins and a basket's margin, in paise. */
const money = z.number().default(0);
const count = z.number().int().default(0);

const KitePositionSchema = z.object({
  tradingsymbol: z.string(),
  exchange: z.string(),
  instrument_token: z.number().int(),
  product: z.string(),
  quantity: z.number().int(),
  overnight_quantity: count,
  multiplier: z.number().default(1),
  average_price: money,
  close_price: money,
  last_price: money,
  value: money,
  pnl: money,
  m2m: money,
  unrealised: money,
  realised: money,
  buy_quantity: count,
  buy_price: money,
  buy_value: money,
  sell_quantity: count,
  sell_price: money,
  sell_value: money,
  day_buy_quantity: count,
  day_buy_price: money,
  day_buy_value: money,
  day_sell_quantity: count,
  day_sell_price: money,
  day_sell_value: money,
});
const PositionsSchema = z.object({ net: z.array(withRaw(KitePositionSchema)), day: z.array(withRaw(KitePositionSchema)) });

export type KitePositionView = {
  instrumentId: InstrumentId | null;
  symbol: string;
  instrumentToken: number;
  product: Product | null;
  /** Signed: positive long, negative short. */
  netQuantity: number;
  overnightQuantity: number;
  multiplier: number;
  averagePrice: Paise;
  lastPrice: Paise;
  closePrice: Paise;
  value: Paise;
  pnl: Paise;
  m2m: Paise;
  realised: Paise;
  unrealised: Paise;
  buyQuantity: number;
  buyPrice: Paise;
  buyValue: Paise;
  sellQuantity: number;
  sellPrice: Paise;
  sellValue: Paise;
  dayBuyQuantity: number;
  dayBuyValue: Paise;
  daySellQuantity: number;
  daySellValue: Paise;
  raw: unknown;
};

/** `net`: the whole position including what was carried in; `day`: today's trading only. */
export type KitePositions = { net: KitePositionView[]; day: KitePositionView[] };

function toPositionView(p: z.infer<typeof KitePositionSchema>, raw: unknown): KitePositionView {
  const product = ProductSchema.safeParse(p.product);
  return {
    instrumentId: toInstrumentId(p.exchange, p.tradingsymbol),
    symbol: `${p.exchange}:${p.tradingsymbol}`,
    instrumentToken: p.instrument_token,
    product: product.success ? product.data : null,
    netQuantity: p.quantity,
    overnightQuantity: p.overnight_quantity,
    multiplier: p.multiplier,
    averagePrice: rupeesToPaise(p.average_price),
    lastPrice: rupeesToPaise(p.last_price),
    closePrice: rupeesToPaise(p.close_price),
    value: rupeesToPaise(p.value),
    pnl: rupeesToPaise(p.pnl),
    m2m: rupeesToPaise(p.m2m),
    realised: rupeesToPaise(p.realised),
    unrealised: rupeesToPaise(p.unrealised),
    buyQuantity: p.buy_quantity,
    buyPrice: rupeesToPaise(p.buy_price),
    buyValue: rupeesToPaise(p.buy_value),
    sellQuantity: p.sell_quantity,
    sellPrice: rupeesToPaise(p.sell_price),
    sellValue: rupeesToPaise(p.sell_value),
    dayBuyQuantity: p.day_buy_quantity,
    dayBuyValue: rupeesToPaise(p.day_buy_value),
    daySellQuantity: p.day_sell_quantity,
    daySellValue: rupeesToPaise(p.day_sell_value),
    raw,
  };
}

export async function fetchPositions(http: KiteHttp): Promise<KitePositions> {
  const data = await http.data({ method: 'GET', path: '/portfolio/positions' }, PositionsSchema);
  return {
    net: data.net.map(({ payload, raw }) => toPositionView(payload, raw)),
    day: data.day.map(({ payload, raw }) => toPositionView(payload, raw)),
  };
}

/** A net position as the Broker interface sees it; null outside our instruments and products. */
export function toBrokerPosition(view: KitePositionView, accountId: AccountId): BrokerPosition | null {
  if (view.instrumentId === null || view.product === null) return null;
  return { accountId, instrumentId: view.instrumentId, product: view.product, netQuantity: view.netQuantity };
}

const SegmentSchema = z.object({
  enabled: z.boolean(),
  net: money,
  available: z.object({
    adhoc_margin: money,
    cash: money,
    opening_balance: money,
    live_balance: money,
    collateral: money,
    intraday_payin: money,
  }),
  utilised: z.object({
    debits: money,
    exposure: money,
    m2m_realised: money,
    m2m_unrealised: money,
    option_premium: money,
    payout: money,
    span: money,
    holding_sales: money,
    turnover: money,
    liquid_collateral: money,
    stock_collateral: money,
    delivery: money,
  }),
});
const UserMarginsSchema = z.object({ equity: SegmentSchema.optional(), commodity: SegmentSchema.optional() });

export type KiteSegmentMargins = {
  enabled: boolean;
  /** What can still be used. */
  net: Paise;
  available: { cash: Paise; openingBalance: Paise; liveBalance: Paise; collateral: Paise; intradayPayin: Paise; adhocMargin: Paise };
  utilised: { debits: Paise; span: Paise; exposure: Paise; optionPremium: Paise; m2mRealised: Paise; m2mUnrealised: Paise; payout: Paise };
};
export type KiteUserMargins = { equity: KiteSegmentMargins | null; commodity: KiteSegmentMargins | null };

function toSegment(s: z.infer<typeof SegmentSchema> | undefined): KiteSegmentMargins | null {
  if (!s) return null;
  return {
    enabled: s.enabled,
    net: rupeesToPaise(s.net),
    available: {
      cash: rupeesToPaise(s.available.cash),
      openingBalance: rupeesToPaise(s.available.opening_balance),
      liveBalance: rupeesToPaise(s.available.live_balance),
      collateral: rupeesToPaise(s.available.collateral),
      intradayPayin: rupeesToPaise(s.available.intraday_payin),
      adhocMargin: rupeesToPaise(s.available.adhoc_margin),
    },
    utilised: {
      debits: rupeesToPaise(s.utilised.debits),
      span: rupeesToPaise(s.utilised.span),
      exposure: rupeesToPaise(s.utilised.exposure),
      optionPremium: rupeesToPaise(s.utilised.option_premium),
      m2mRealised: rupeesToPaise(s.utilised.m2m_realised),
      m2mUnrealised: rupeesToPaise(s.utilised.m2m_unrealised),
      payout: rupeesToPaise(s.utilised.payout),
    },
  };
}

export async function fetchUserMargins(http: KiteHttp): Promise<KiteUserMargins> {
  const data = await http.data({ method: 'GET', path: '/user/margins' }, UserMarginsSchema);
  return { equity: toSegment(data.equity), commodity: toSegment(data.commodity) };
}

const ChargesSchema = z.object({ total: money }).optional();
const BreakdownSchema = z.object({
  tradingsymbol: z.string().default(''),
  exchange: z.string().default(''),
  span: money,
  exposure: money,
  option_premium: money,
  additional: money,
  cash: money,
  var: money,
  total: money,
  charges: ChargesSchema,
});
const BasketSchema = z.object({
  initial: BreakdownSchema,
  final: BreakdownSchema,
  orders: z.array(BreakdownSchema).default([]),
  charges: ChargesSchema,
});

/** One leg of a basket whose margin is asked for: an order request without ids. */
export type KiteMarginLeg = Omit<BrokerOrderRequest, 'accountId' | 'clientOrderId'> & { variety?: KiteVariety };

export type KiteMarginBreakdown = {
  /** Null on the basket totals (initial / final). */
  instrumentId: InstrumentId | null;
  span: Paise;
  exposure: Paise;
  /** Negative when the basket receives premium. */
  optionPremium: Paise;
  additional: Paise;
  cash: Paise;
  valueAtRisk: Paise;
  total: Paise;
  charges: Paise | null;
};

/** `initial`: the legs on their own; `final`: after the hedge benefit of the basket (and positions, if considered). */
export type KiteBasketMargins = { initial: KiteMarginBreakdown; final: KiteMarginBreakdown; orders: KiteMarginBreakdown[]; charges: Paise | null };

function toBreakdown(b: z.infer<typeof BreakdownSchema>): KiteMarginBreakdown {
  return {
    instrumentId: b.exchange && b.tradingsymbol ? toInstrumentId(b.exchange, b.tradingsymbol) : null,
    span: rupeesToPaise(b.span),
    exposure: rupeesToPaise(b.exposure),
    optionPremium: rupeesToPaise(b.option_premium),
    additional: rupeesToPaise(b.additional),
    cash: rupeesToPaise(b.cash),
    valueAtRisk: rupeesToPaise(b.var),
    total: rupeesToPaise(b.total),
    charges: b.charges ? rupeesToPaise(b.charges.total) : null,
  };
}

/** JSON body (one of the few Kite endpoints that take JSON); prices as rupee numbers, exact decimals. */
const rupeeNumber = (amount: Paise | null): number => (amount === null ? 0 : Number(paiseToRupeesText(amount)));

export async function fetchBasketMargins(http: KiteHttp, legs: readonly KiteMarginLeg[], options: { considerPositions?: boolean } = {}): Promise<KiteBasketMargins> {
  const body = legs.map((leg) => {
    const { exchange, tradingSymbol } = splitInstrumentId(leg.instrumentId);
    return {
      exchange,
      tradingsymbol: tradingSymbol,
      transaction_type: leg.side,
      variety: leg.variety ?? 'regular',
      product: leg.product,
      order_type: KITE_ORDER_TYPE[leg.type],
      quantity: leg.quantity,
      price: rupeeNumber(leg.price),
      trigger_price: rupeeNumber(leg.triggerPrice),
    };
  });
  const data = await http.data(
    { method: 'POST', path: '/margins/basket', query: { consider_positions: options.considerPositions ?? true }, json: body, retryOn429: true },
    BasketSchema,
  );
  return {
    initial: toBreakdown(data.initial),
    final: toBreakdown(data.final),
    orders: data.orders.map(toBreakdown),
    charges: data.charges ? rupeesToPaise(data.charges.total) : null,
  };
}
