import { ERROR_CODES, mulPaise, rupeesLabel, type AccountId, type ErrorCode, type Instrument, type OrderOrigin, type OrderSpec, type Paise, type PositionBook, type Product, type RiskLimits, type Side } from '@strikedesk/domain';
import type { OrderActivityCounts } from '../orders/order-activity.ts';
import type { InstrumentExposure, WorkingTotals } from '../orders/trading-state.ts';
import { EXIT_ORIGINS } from './exit-origins.ts';
import { reducesOnlyInView } from './reduces-only.ts';

export type Denial = { code: ErrorCode; message: string };

/**
 * One order as the account's risk limits see it. `spec` is the whole order before slicing;
 * `sliceCount` is how many broker orders it becomes (each counts against the open-order and rate
 * limits). A modify names the order it changes in `existing`: its current unfilled quantity is
 * what the modified order replaces, and it counts as one message and no new open order.
 */
export type AccountRiskRequest = {
  accountId: AccountId;
  instrument: Instrument;
  spec: OrderSpec;
  origin: OrderOrigin;
  sliceCount: number;
  /** The instrument's quote now (bid and ask may be missing on one side). */
  quote: { lastPrice: Paise; bid: Paise | null; ask: Paise | null };
  now: number;
  /** A modify that only lowers the quantity: only the rate limits apply (it is a message to the exchange). */
  shrinksOnly?: boolean;
  existing?: { orderId: string; workingQuantity: number; filledQuantity: number } | undefined;
};

/** What the check reads of the account; all synchronous, in memory. */
export type AccountRiskView = {
  openOrderCount(accountId: AccountId): number;
  /**
   * Per instrument id: unfilled quantity of the account's working and in-flight orders by side, and
   * the signed net quantity summed over products. Entries may be all zero.
   */
  exposures(accountId: AccountId): ReadonlyMap<string, InstrumentExposure>;
  /** The signed net quantity of the account's position in one product (brokers net MIS and NRML apart). */
  netQuantity(accountId: AccountId, instrumentId: string, product: Product): number;
  /**
   * Unfilled quantity of the account's working and in-flight orders of one product on an
   * instrument, by side (kept by the fold); absent: only the totals over products are known, which
   * counts the other product's orders against a product's figure too.
   */
  productWorking?(accountId: AccountId, instrumentId: string, product: Product): WorkingTotals;
  /** What the account's virtual books other than `except` hold there (TradingState.bookedQuantity); absent: none. */
  bookedQuantity?(accountId: AccountId, instrumentId: string, product: Product, except: PositionBook | null): number;
  /** What one virtual book holds there (TradingState.bookQuantity); absent: not capped by it. */
  bookQuantity?(accountId: AccountId, instrumentId: string, product: Product, book: PositionBook): number;
  /** What the account's working exits on `side` would still close there (TradingState.workingExitQuantity); absent: none. */
  workingExitQuantity?(accountId: AccountId, instrumentId: string, product: Product, side: Side, ofBook?: PositionBook | null, alsoUnattributed?: boolean): number;
  orderActivity(accountId: AccountId, segment: string, now: number): OrderActivityCounts;
  /** The account's day P&L (realized + unrealized change since the previous close), paise. */
  dayPnl(accountId: AccountId): Paise;
  instrument(instrumentId: string): Instrument | undefined;
};

const deny = (code: ErrorCode, detail: string): Denial => ({ code, message: `${ERROR_CODES[code]} ${detail}` });

/**
 * The price the fat-finger band is centred on: the last price, or — when it lies outside the bid
 * and ask (a contract that has not traded for a while, or never: Kite sends 0) — the nearer of the
 * two. A stale last price would otherwise refuse a LIMIT at the touch and wave a MARKET through.
 */
function bandReference({ lastPrice, bid, ask }: AccountRiskRequest['quote']): Paise {
  if (bid !== null && lastPrice < bid) return bid;
  if (ask !== null && lastPrice > ask) return ask;
  return lastPrice;
}

/**
 * How far (paise) a price may lie from the band's reference: ⌊reference × percent / 100⌋, in
 * integers. The percent is taken to 1/10,000 (an admin types 2.3 or 2.25); the product
 * 2.3 × 25,000 in floating point is 57,499.999…, which refused a price exactly at the edge, and the
 * range the refusal named could be a paisa off the one applied. Integers stay exact while the
 * reference is below ₹9 crore.
 */
function bandReach(reference: Paise, percent: number): number {
  const numerator = reference * Math.round(percent * 10_000);
  return (numerator - (numerator % 1_000_000)) / 1_000_000;
}

/**
 * The prices the fat-finger band lets through: `percent` below the lower and above the higher of
 * the band's reference (bandReference) and the touch. The touch counts because a cheap option's
 * spread can itself be wider than the band: a buy a little through the ask of a ₹1.15 option
 * quoted ₹1.00–₹1.35 (a portfolio leg sent at the ask plus its market protection) is no fat finger,
 * yet it was more than 20% from the last price. A price far outside the quote is still refused.
 */
function priceBand(quote: AccountRiskRequest['quote'], percent: number): { lowest: number; highest: number; from: string } {
  const reference = bandReference(quote);
  const low = quote.bid !== null && quote.bid < reference ? quote.bid : reference;
  const high = quote.ask !== null && quote.ask > reference ? quote.ask : reference;
  const touch = quote.bid !== null && quote.ask !== null ? `the bid and ask (${rupees(quote.bid)}–${rupees(quote.ask)})` : null;
  let from = `the last price ${rupees(reference)}`;
  if (reference !== quote.lastPrice) from = `${touch ?? rupees(reference)} (the last price ${rupees(quote.lastPrice)} is outside them)`;
  else if (touch !== null && (low !== reference || high !== reference)) from = `the last price ${rupees(reference)} and ${touch}`;
  return { lowest: low - bandReach(low as Paise, percent), highest: high + bandReach(high as Paise, percent), from };
}

/** What a MARKET (or SL-M) order is worth per unit: the side of the book it trades against, else the last price. */
const marketPrice = (side: Side, { lastPrice, bid, ask }: AccountRiskRequest['quote']): Paise => (side === 'BUY' ? (ask ?? lastPrice) : (bid ?? lastPrice));
const lots = (quantity: number, instrument: Instrument): number => quantity / instrument.lotSize;
const rupees = (amount: number): string => rupeesLabel(amount as Paise);
const lotsText = (value: number): string => `${Number(value.toFixed(2))} ${Math.abs(value) === 1 ? 'lot' : 'lots'}`;

/**
 * The worst |position| reachable on one instrument if any subset of the other working orders fill:
 * all buys or all sells (signed, so a message shows the direction).
 */
function worst(base: number, working: WorkingTotals | undefined, exclude: { side: 'BUY' | 'SELL'; quantity: number } | null): number {
  const buy = (working?.buy ?? 0) - (exclude?.side === 'BUY' ? exclude.quantity : 0);
  const sell = (working?.sell ?? 0) - (exclude?.side === 'SELL' ? exclude.quantity : 0);
  const high = base + buy;
  const low = base - sell;
  return Math.abs(high) >= Math.abs(low) ? high : low;
}

/**
 * Exposure of the order's instrument before and after it, counting positions, this order, and the
 * account's other working orders on the instrument that would add to the exposure (so orders sent
 * together cannot pass a limit that each would pass alone, as with the Greek limits). A modify's
 * own working quantity is among the totals: it is taken out and replaced.
 *
 * `base` is the net over both products, or one product's: brokers net MIS and NRML apart and an
 * exit closes one product alone (a trader's square-off of the MIS position, the 15:15 sweep), so
 * an MIS long beside an NRML short is each position's size once the other is closed — counted on
 * the net alone, pairs of them let a trader stack an NRML short far past the limit, then square
 * off the MIS half. A product's figure counts that product's working orders only
 * (AccountRiskView.productWorking): a resting NRML buy closing an NRML short moves no MIS position.
 */
type ExposureChange = { before: number; after: number };

function exposureChange(request: AccountRiskRequest, totals: WorkingTotals | undefined, base: number, ownProduct: boolean, holdsOwn = ownProduct): ExposureChange {
  const { spec, existing } = request;
  // A modify's own working quantity is taken out of totals that hold it: its product's, or those over both products.
  const exclude = existing && holdsOwn ? { side: spec.side, quantity: existing.workingQuantity } : null;
  if (!ownProduct) {
    const unchanged = worst(base, totals, exclude);
    return { before: unchanged, after: unchanged };
  }
  const sign = spec.side === 'BUY' ? 1 : -1;
  const replaced = existing ? existing.workingQuantity : 0;
  const remaining = spec.quantity - (existing?.filledQuantity ?? 0);
  return { before: worst(base + sign * replaced, totals, exclude), after: worst(base + sign * remaining, totals, exclude) };
}

const OTHER_PRODUCT: Record<Product, Product> = { MIS: 'NRML', NRML: 'MIS' };
const larger = (a: number, b: number): number => (Math.abs(b) > Math.abs(a) ? b : a);

/**
 * One product's working totals on an instrument: its own orders only — an order working in the
 * other product moves that product's position, never this one (a resting NRML buy closing an NRML
 * short is no MIS exposure). Without the per-product totals, those over both products.
 */
function productWorking(view: AccountRiskView, accountId: AccountId, exposure: InstrumentExposure | undefined, instrumentId: string, product: Product): WorkingTotals | undefined {
  return view.productWorking ? view.productWorking(accountId, instrumentId, product) : exposure;
}

/** The order's instrument: its net over products, the order's own product, and the other product. */
function instrumentExposure(request: AccountRiskRequest, exposures: ReadonlyMap<string, InstrumentExposure>, view: AccountRiskView) {
  const { accountId, instrument, spec } = request;
  const totals = exposures.get(instrument.id);
  const other = OTHER_PRODUCT[spec.product];
  return {
    net: exposureChange(request, totals, totals?.net ?? 0, true),
    product: exposureChange(request, productWorking(view, accountId, totals, instrument.id, spec.product), view.netQuantity(accountId, instrument.id, spec.product), true),
    other: exposureChange(request, productWorking(view, accountId, totals, instrument.id, other), view.netQuantity(accountId, instrument.id, other), false, view.productWorking === undefined),
  };
}

/** |lots| of another instrument the account holds or works: the larger of its net and each product's. */
function heldLots(view: AccountRiskView, accountId: AccountId, other: Instrument, exposure: InstrumentExposure): number {
  let signed = worst(exposure.net, exposure, null);
  for (const product of ['MIS', 'NRML'] as const) signed = larger(signed, worst(view.netQuantity(accountId, other.id, product), productWorking(view, accountId, exposure, other.id, product), null));
  return Math.abs(signed) / other.lotSize;
}

/** Σ |lots| over the underlying's instruments, with this order's instrument at `own` units. */
function underlyingLots(request: AccountRiskRequest, own: number, exposures: ReadonlyMap<string, InstrumentExposure>, view: AccountRiskView): number {
  const { instrument } = request;
  let total = Math.abs(own) / instrument.lotSize;
  for (const [id, exposure] of exposures) {
    if (id === instrument.id || (exposure.net === 0 && exposure.buy === 0 && exposure.sell === 0 && !holdsHedged(view, request.accountId, id))) continue;
    const other = view.instrument(id);
    if (!other || other.underlying !== instrument.underlying) continue;
    total += heldLots(view, request.accountId, other, exposure);
  }
  return total;
}

/** Net zero over products, yet open in each (an MIS long beside an NRML short of the same size). */
const holdsHedged = (view: AccountRiskView, accountId: AccountId, instrumentId: string): boolean => view.netQuantity(accountId, instrumentId, 'MIS') !== 0;

/**
 * The account's pre-trade limits (docs/adr/0011-pre-trade-risk.md), in the order a trader would
 * want to hear about them. Orders the engine sends to get out of risk (square-off, kill switch,
 * daily-loss exits) are exempt: they only reduce exposure, and the broker adapter paces them.
 */
export function checkAccountRisk(request: AccountRiskRequest, limits: RiskLimits, view: AccountRiskView): Denial | null {
  if (EXIT_ORIGINS.has(request.origin)) return null;
  const { accountId, instrument, spec, existing, quote } = request;
  if (request.shrinksOnly) return rateDenial(request, limits, view);

  if (limits.maxOrderLots !== null && lots(spec.quantity, instrument) > limits.maxOrderLots) {
    return deny('RISK_MAX_ORDER_QUANTITY', `${lotsText(lots(spec.quantity, instrument))} asked; your maximum is ${lotsText(limits.maxOrderLots)} per order.`);
  }

  // A SL-M order trades at market once triggered: worth the larger of its trigger and the touch.
  const atMarket = marketPrice(spec.side, quote);
  const unitPrice = spec.price ?? (spec.triggerPrice === null ? atMarket : Math.max(spec.triggerPrice, atMarket));
  const value = mulPaise(unitPrice as Paise, spec.quantity);
  if (limits.maxOrderValue !== null && value > limits.maxOrderValue) {
    return deny('RISK_MAX_ORDER_VALUE', `This order is worth ${rupees(value)}; your maximum is ${rupees(limits.maxOrderValue)}.`);
  }

  if (limits.priceBandPercent !== null && (spec.price !== null || spec.triggerPrice !== null)) {
    const { lowest, highest, from } = priceBand(quote, limits.priceBandPercent);
    for (const [price, what] of [[spec.price, 'The price'], [spec.triggerPrice, 'The trigger price']] as const) {
      if (price === null) continue;
      if (price < lowest || price > highest) {
        return deny('RISK_PRICE_BAND', `${what} ${rupees(price)} is more than ${limits.priceBandPercent}% from ${from} (allowed ${rupees(lowest)}–${rupees(highest)}).`);
      }
    }
  }

  const newOrders = existing ? 0 : request.sliceCount;
  if (limits.maxOpenOrders !== null && newOrders > 0 && view.openOrderCount(accountId) + newOrders > limits.maxOpenOrders) {
    return deny('RISK_MAX_OPEN_ORDERS', `${view.openOrderCount(accountId)} open, this order adds ${newOrders}; your maximum is ${limits.maxOpenOrders}.`);
  }

  const rate = rateDenial(request, limits, view);
  if (rate) return rate;

  const needsExposure = limits.maxPositionLotsPerInstrument !== null || limits.maxPositionLotsPerUnderlying !== null || limits.dailyLossLimit !== null;
  if (!needsExposure) return null;
  // A trader can always get out: an order that only takes the position in its product towards flat
  // (brokers net MIS and NRML apart) passes the daily loss limit — and the position limits too,
  // unless it leaves the instrument more exposed over both products, which is what those limits
  // count: selling an NRML long beside a larger MIS short "closes" the NRML part and leaves the
  // account shorter than before.
  const exposures = view.exposures(accountId);
  const reducing = reducesOnlyInView(view, accountId, spec, existing);
  if (reducing && !growsNetOverProducts(request, exposures)) return null;

  if (limits.dailyLossLimit !== null && !reducing) {
    const dayPnl = view.dayPnl(accountId);
    if (dayPnl <= -limits.dailyLossLimit) {
      return deny('RISK_DAILY_LOSS', `Day P&L is ${rupees(dayPnl)}; the limit is ${rupees(-limits.dailyLossLimit)}.`);
    }
  }
  if (limits.maxPositionLotsPerInstrument === null && limits.maxPositionLotsPerUnderlying === null) return null;
  const exposure = instrumentExposure(request, exposures, view);
  const own = { before: larger(exposure.net.before, exposure.product.before), after: larger(exposure.net.after, exposure.product.after) };
  if (limits.maxPositionLotsPerInstrument !== null && Math.abs(lots(own.after, instrument)) > limits.maxPositionLotsPerInstrument) {
    // Said per product when that is the larger: the trader sees a smaller net on the positions screen.
    const perProduct = Math.abs(exposure.product.after) > Math.abs(exposure.net.after);
    const where = perProduct ? ` in ${spec.product}` : '';
    const why = perProduct ? ` Your ${OTHER_PRODUCT[spec.product]} position the other way does not offset it: either can be squared off alone.` : '';
    return deny(
      'RISK_MAX_POSITION_INSTRUMENT',
      `${instrument.displayName} would reach ${lotsText(lots(own.after, instrument))}${where} (with your working orders); the limit is ${lotsText(limits.maxPositionLotsPerInstrument)}.${why}`,
    );
  }
  if (limits.maxPositionLotsPerUnderlying !== null) {
    // The other product counts too when it is the larger part of this instrument (it is unchanged by the order).
    const ownAfter = larger(own.after, exposure.other.after);
    const ownBefore = larger(own.before, exposure.other.before);
    const after = underlyingLots(request, ownAfter, exposures, view);
    const before = after - Math.abs(ownAfter) / instrument.lotSize + Math.abs(ownBefore) / instrument.lotSize;
    if (after > limits.maxPositionLotsPerUnderlying && after > before) {
      return deny(
        'RISK_MAX_POSITION_UNDERLYING',
        `${instrument.underlying} futures and options would reach ${lotsText(after)} in all; the limit is ${lotsText(limits.maxPositionLotsPerUnderlying)}.`,
      );
    }
  }
  return null;
}

/**
 * Whether the order, with the account's other working orders on its side, would leave the
 * instrument's net position summed over products larger than it is (a modify's own working
 * quantity is what it replaces).
 */
function growsNetOverProducts(request: AccountRiskRequest, exposures: ReadonlyMap<string, InstrumentExposure>): boolean {
  const { instrument, spec, existing } = request;
  const totals = exposures.get(instrument.id);
  const net = totals?.net ?? 0;
  const sameSide = (spec.side === 'BUY' ? (totals?.buy ?? 0) : (totals?.sell ?? 0)) - (existing?.workingQuantity ?? 0);
  const after = net + (spec.side === 'BUY' ? 1 : -1) * (spec.quantity - (existing?.filledQuantity ?? 0) + sameSide);
  return Math.abs(after) > Math.abs(net);
}

/** Whether `messages` more order messages fit in the second's window (SEBI's per-second limit). */
export const fitsSecondRate = (lastSecond: number, messages: number, ordersPerSecond: number): boolean => lastSecond + messages <= ordersPerSecond;

/** The order-message rate limits: SEBI's per second per exchange segment, the broker's per minute and per day. */
function rateDenial(request: AccountRiskRequest, limits: RiskLimits, view: AccountRiskView): Denial | null {
  const { accountId, instrument, existing, now } = request;
  const messages = existing ? 1 : request.sliceCount;
  const adds = messages === 1 ? 'this order adds 1' : `this order adds ${messages} (one per slice)`;
  const activity = view.orderActivity(accountId, instrument.exchange, now);
  if (messages > limits.ordersPerSecond) {
    // Waiting would not help: the order alone is more messages than a second allows.
    return deny('RISK_ORDER_RATE', `This order becomes ${messages} slices at the exchange's freeze quantity, more than the ${limits.ordersPerSecond} order messages allowed per second: place it in smaller parts.`);
  }
  if (!fitsSecondRate(activity.lastSecond, messages, limits.ordersPerSecond)) {
    return deny('RISK_ORDER_RATE', `${activity.lastSecond} ${instrument.exchange} order messages in the last second, ${adds}; the limit is ${limits.ordersPerSecond} per second.`);
  }
  if (limits.ordersPerMinute !== null && activity.lastMinute + messages > limits.ordersPerMinute) {
    return deny('RISK_BROKER_MINUTE_CAP', `${activity.lastMinute} order messages in the last minute, ${adds}; the limit is ${limits.ordersPerMinute} a minute.`);
  }
  if (limits.ordersPerDay !== null && activity.today + messages > limits.ordersPerDay) {
    return deny('RISK_BROKER_DAY_CAP', `${activity.today} order messages today, ${adds}; the limit is ${limits.ordersPerDay} a day.`);
  }
  return null;
}
