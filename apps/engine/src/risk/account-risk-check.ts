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
  lastPrice: Paise;
  now: number;
  existing?: { orderId: string; workingQuantity: number; filledQuantity: number };
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
 */
type ExposureChange = { before: number; after: number };

function ownExposure(request: AccountRiskRequest, exposures: ReadonlyMap<string, InstrumentExposure>): ExposureChange {
  const { instrument, spec, existing } = request;
  const sign = spec.side === 'BUY' ? 1 : -1;
  const totals = exposures.get(instrument.id);
  const base = totals?.net ?? 0;
  const exclude = existing ? { side: spec.side, quantity: existing.workingQuantity } : null;
  const replaced = existing ? existing.workingQuantity : 0;
  const remaining = spec.quantity - (existing?.filledQuantity ?? 0);
  return { before: worst(base + sign * replaced, totals, exclude), after: worst(base + sign * remaining, totals, exclude) };
}

/** Σ |lots| over the underlying's instruments, with this order's instrument at `own`. */
function underlyingLots(request: AccountRiskRequest, own: number, exposures: ReadonlyMap<string, InstrumentExposure>, view: AccountRiskView): number {
  const { instrument } = request;
  let total = Math.abs(own) / instrument.lotSize;
  for (const [id, exposure] of exposures) {
    if (id === instrument.id || (exposure.net === 0 && exposure.buy === 0 && exposure.sell === 0)) continue;
    const other = view.instrument(id);
    if (!other || other.underlying !== instrument.underlying) continue;
    total += Math.abs(worst(exposure.net, exposure, null)) / other.lotSize;
  }
  return total;
}

/**
 * The account's pre-trade limits (docs/adr/0011-pre-trade-risk.md), in the order a trader would
 * want to hear about them. Orders the engine sends to get out of risk (square-off, kill switch,
 * daily-loss exits) are exempt: they only reduce exposure, and the broker adapter paces them.
 */
export function checkAccountRisk(request: AccountRiskRequest, limits: RiskLimits, view: AccountRiskView): Denial | null {
  if (EXIT_ORIGINS.has(request.origin)) return null;
  const { accountId, instrument, spec, existing, lastPrice, now } = request;

  if (limits.maxOrderLots !== null && lots(spec.quantity, instrument) > limits.maxOrderLots) {
    return deny('RISK_MAX_ORDER_QUANTITY', `${lotsText(lots(spec.quantity, instrument))} asked; your maximum is ${lotsText(limits.maxOrderLots)} per order.`);
  }

  const value = mulPaise(spec.price ?? spec.triggerPrice ?? lastPrice, spec.quantity);
  if (limits.maxOrderValue !== null && value > limits.maxOrderValue) {
    return deny('RISK_MAX_ORDER_VALUE', `This order is worth ${rupees(value)}; your maximum is ${rupees(limits.maxOrderValue)}.`);
  }

  if (limits.priceBandPercent !== null) {
    for (const price of [spec.price, spec.triggerPrice]) {
      if (price === null) continue;
      if (Math.abs(price - lastPrice) * 100 > limits.priceBandPercent * lastPrice) {
        // Multiplied before dividing, as the test above does: 100 × 1.15 is 114.999… in binary floating point.
        const low = Math.ceil((lastPrice * (100 - limits.priceBandPercent)) / 100);
        const high = Math.floor((lastPrice * (100 + limits.priceBandPercent)) / 100);
        return deny('RISK_PRICE_BAND', `${rupees(price)} is more than ${limits.priceBandPercent}% from the last price ${rupees(lastPrice)} (allowed ${rupees(low)}–${rupees(high)}).`);
      }
    }
  }

  const newOrders = existing ? 0 : request.sliceCount;
  if (limits.maxOpenOrders !== null && newOrders > 0 && view.openOrderCount(accountId) + newOrders > limits.maxOpenOrders) {
    return deny('RISK_MAX_OPEN_ORDERS', `${view.openOrderCount(accountId)} open, this order adds ${newOrders}; your maximum is ${limits.maxOpenOrders}.`);
  }

  const messages = existing ? 1 : request.sliceCount;
  const activity = view.orderActivity(accountId, instrument.exchange, now);
  if (messages > limits.ordersPerSecond) {
    // Waiting would not help: the order alone is more messages than a second allows.
    return deny('RISK_ORDER_RATE', `This order becomes ${messages} slices at the exchange's freeze quantity, more than the ${limits.ordersPerSecond} order messages allowed per second: place it in smaller parts.`);
  }
  if (activity.lastSecond + messages > limits.ordersPerSecond) {
    return deny('RISK_ORDER_RATE', `${activity.lastSecond} ${instrument.exchange} order messages in the last second, this adds ${messages}; the limit is ${limits.ordersPerSecond} per second.`);
  }
  if (limits.ordersPerMinute !== null && activity.lastMinute + messages > limits.ordersPerMinute) {
    return deny('RISK_BROKER_MINUTE_CAP', `${activity.lastMinute} in the last minute; the limit is ${limits.ordersPerMinute}.`);
  }
  if (limits.ordersPerDay !== null && activity.today + messages > limits.ordersPerDay) {
    return deny('RISK_BROKER_DAY_CAP', `${activity.today} today; the limit is ${limits.ordersPerDay}.`);
  }

  const needsExposure = limits.maxPositionLotsPerInstrument !== null || limits.maxPositionLotsPerUnderlying !== null || limits.dailyLossLimit !== null;
  if (!needsExposure) return null;
  // A trader can always get out: an order that only takes the position towards flat passes.
  if (reducesOnlyInView(view, accountId, spec, existing)) return null;
  const exposures = view.exposures(accountId);
  const own = ownExposure(request, exposures);

  if (limits.dailyLossLimit !== null) {
    const dayPnl = view.dayPnl(accountId);
    if (dayPnl <= -limits.dailyLossLimit) {
      return deny('RISK_DAILY_LOSS', `Day P&L is ${rupees(dayPnl)}; the limit is ${rupees(-limits.dailyLossLimit)}.`);
    }
  }
  if (limits.maxPositionLotsPerInstrument !== null && Math.abs(lots(own.after, instrument)) > limits.maxPositionLotsPerInstrument) {
    return deny(
      'RISK_MAX_POSITION_INSTRUMENT',
      `${instrument.displayName} would reach ${lotsText(lots(own.after, instrument))} (with your working orders); the limit is ${lotsText(limits.maxPositionLotsPerInstrument)}.`,
    );
  }
  if (limits.maxPositionLotsPerUnderlying !== null) {
    const after = underlyingLots(request, own.after, exposures, view);
    const before = after - Math.abs(own.after) / instrument.lotSize + Math.abs(own.before) / instrument.lotSize;
    if (after > limits.maxPositionLotsPerUnderlying && after > before) {
      return deny(
        'RISK_MAX_POSITION_UNDERLYING',
        `${instrument.underlying} futures and options would reach ${lotsText(after)} in all; the limit is ${lotsText(limits.maxPositionLotsPerUnderlying)}.`,
      );
    }
  }
  return null;
}
