import { z } from 'zod';
import { istDayNumber, istDayToIsoDate } from './trading-day.ts';
import {
  AccountIdSchema,
  InstrumentIdSchema,
  PortfolioIdSchema,
  StrategyIdSchema,
  type AccountId,
  type InstrumentId,
  type PortfolioId,
  type StrategyId,
} from './ids.ts';
import { PaiseSchema, ZERO_PAISE, addPaise, mulPaise, subPaise, type Paise } from './money.ts';
import { ProductSchema, signedQuantity, type Product, type Side } from './order.ts';

/**
 * Positions use FIFO lots (docs/adr/0002-money-as-integer-paise.md): a closing fill consumes the
 * oldest open lots first, so realized P&L is an exact integer of paise and
 * realized + unrealized = cash flows + marked value holds to the paisa. The average price shown is
 * the average of the open lots.
 *
 * Day vs carried (docs/adr/0010-positions-day-carried-books.md): the first fill of a new IST
 * trading day rolls the position — what was open becomes the carried quantity at its cost, and the
 * day's buys and sells are counted from zero. Day P&L is the change of total P&L since the previous
 * close: realized + unrealized − (realized at day start + carried quantity × previous close −
 * carried cost).
 */
export type OpenLot = { quantity: number; price: Paise };

/**
 * The book a position belongs to. The account's net position (what the broker holds) has neither
 * id; a strategy's or multi-leg portfolio's virtual book has its id, so attribution survives the
 * broker netting everything into one position.
 */
export type PositionBook = { strategyId: StrategyId | null; portfolioId: PortfolioId | null };
export const NET_BOOK: PositionBook = { strategyId: null, portfolioId: null };

export type PositionState = PositionBook & {
  accountId: AccountId;
  instrumentId: InstrumentId;
  product: Product;
  /** Signed: positive long, negative short. All lots share this sign. */
  netQuantity: number;
  lots: OpenLot[];
  /** Σ lot quantity × price, kept up to date with the lots (signed cost of what is open). */
  openCost: Paise;
  realizedPnl: Paise;
  buyQuantity: number;
  buyValue: Paise;
  sellQuantity: number;
  sellValue: Paise;
  /** IST trading day (days since 1970-01-01 IST) the day fields describe; -1 before any fill. */
  day: number;
  /** Signed quantity open when the day began, and what those lots cost. */
  carriedQuantity: number;
  carriedCost: Paise;
  realizedAtDayStart: Paise;
  dayBuyQuantity: number;
  dayBuyValue: Paise;
  daySellQuantity: number;
  daySellValue: Paise;
};

export type PositionFill = {
  accountId: AccountId;
  instrumentId: InstrumentId;
  product: Product;
  side: Side;
  quantity: number;
  price: Paise;
  /** Epoch ms of the fill: decides the trading day it belongs to. */
  at: number;
};

/** Key of a position in its book: account, instrument, product (and the book's ids, if any). */
export const positionKey = (p: { accountId: string; instrumentId: string; product: string; strategyId?: string | null; portfolioId?: string | null }): string =>
  `${p.accountId}|${p.instrumentId}|${p.product}|${p.strategyId ?? ''}|${p.portfolioId ?? ''}`;

/** The book an order's fills are attributed to: its portfolio, else its strategy, else none. */
export const bookOf = (order: { strategyId: StrategyId | null; portfolioId: PortfolioId | null }): PositionBook | null =>
  order.portfolioId !== null || order.strategyId !== null ? { strategyId: order.strategyId, portfolioId: order.portfolioId } : null;

export function emptyPosition(accountId: AccountId, instrumentId: InstrumentId, product: Product, book: PositionBook = NET_BOOK): PositionState {
  return {
    accountId,
    instrumentId,
    product,
    strategyId: book.strategyId,
    portfolioId: book.portfolioId,
    netQuantity: 0,
    lots: [],
    openCost: ZERO_PAISE,
    realizedPnl: ZERO_PAISE,
    buyQuantity: 0,
    buyValue: ZERO_PAISE,
    sellQuantity: 0,
    sellValue: ZERO_PAISE,
    day: -1,
    carriedQuantity: 0,
    carriedCost: ZERO_PAISE,
    realizedAtDayStart: ZERO_PAISE,
    dayBuyQuantity: 0,
    dayBuyValue: ZERO_PAISE,
    daySellQuantity: 0,
    daySellValue: ZERO_PAISE,
  };
}

/** A copy that shares nothing mutable with the original (lots included). */
export const clonePosition = (position: PositionState): PositionState => ({ ...position, lots: position.lots.map((lot) => ({ ...lot })) });

/**
 * Moves a position to trading day `day` in place: if it was last touched on an earlier day,
 * everything open is carried and the day's counters start at zero. No-op when already current.
 */
export function rollToDayInPlace(position: PositionState, day: number): void {
  if (day <= position.day) return;
  position.day = day;
  position.carriedQuantity = position.netQuantity;
  position.carriedCost = position.openCost;
  position.realizedAtDayStart = position.realizedPnl;
  position.dayBuyQuantity = 0;
  position.dayBuyValue = ZERO_PAISE;
  position.daySellQuantity = 0;
  position.daySellValue = ZERO_PAISE;
}

/** The position as seen on trading day `day` (pure; the same object when already current). */
export function rollToDay(position: PositionState, day: number): PositionState {
  if (day <= position.day) return position;
  const rolled = { ...position };
  rollToDayInPlace(rolled, day);
  return rolled;
}

/**
 * Applies one fill in place — the engine's fold owns its positions and updates them without
 * copying. A fill larger than the open quantity reverses the position.
 */
export function applyFillInPlace(position: PositionState, fill: PositionFill): void {
  rollToDayInPlace(position, istDayNumber(fill.at));
  const value = mulPaise(fill.price, fill.quantity);
  if (fill.side === 'BUY') {
    position.buyQuantity += fill.quantity;
    position.buyValue = addPaise(position.buyValue, value);
    position.dayBuyQuantity += fill.quantity;
    position.dayBuyValue = addPaise(position.dayBuyValue, value);
  } else {
    position.sellQuantity += fill.quantity;
    position.sellValue = addPaise(position.sellValue, value);
    position.daySellQuantity += fill.quantity;
    position.daySellValue = addPaise(position.daySellValue, value);
  }
  let remaining = signedQuantity(fill.side, fill.quantity);
  // Close against the oldest lots while the fill opposes the position.
  while (remaining !== 0 && position.netQuantity !== 0 && Math.sign(remaining) !== Math.sign(position.netQuantity)) {
    const lot = position.lots[0];
    if (!lot) break;
    const closing = Math.min(Math.abs(remaining), Math.abs(lot.quantity));
    const direction = Math.sign(lot.quantity); // +1 closing a long, -1 closing a short
    const pnlPerUnit = direction * (fill.price - lot.price);
    position.realizedPnl = addPaise(position.realizedPnl, mulPaise(pnlPerUnit as Paise, closing));
    position.openCost = subPaise(position.openCost, mulPaise(lot.price, direction * closing));
    lot.quantity -= direction * closing;
    position.netQuantity -= direction * closing;
    remaining += direction * closing;
    if (lot.quantity === 0) position.lots.shift();
  }
  if (remaining !== 0) {
    position.lots.push({ quantity: remaining, price: fill.price });
    position.openCost = addPaise(position.openCost, mulPaise(fill.price, remaining));
    position.netQuantity += remaining;
  }
}

/** Applies one fill; pure (the input is left as it was). */
export function applyFill(position: PositionState, fill: PositionFill): PositionState {
  const next = clonePosition(position);
  applyFillInPlace(next, fill);
  return next;
}

/** Signed cost of the open lots (what the open position cost). */
export const openCost = (position: Pick<PositionState, 'openCost'>): Paise => position.openCost;

/** Mark-to-market of the open lots at a price. */
export const unrealizedPnl = (position: Pick<PositionState, 'openCost' | 'netQuantity'>, markPrice: Paise): Paise =>
  subPaise(mulPaise(markPrice, position.netQuantity), position.openCost);

/** Average price of the open lots, rupees, for display. */
export const averageOpenPrice = (position: Pick<PositionState, 'openCost' | 'netQuantity'>): number | null =>
  position.netQuantity === 0 ? null : position.openCost / position.netQuantity / 100;

/**
 * Total P&L at the previous close of the day's carried lots: what day P&L is measured from. Without
 * a previous close the carried lots are taken at their cost (their day P&L is then their whole P&L).
 */
export function dayStartPnl(position: Pick<PositionState, 'realizedAtDayStart' | 'carriedQuantity' | 'carriedCost'>, previousClose: Paise | null): Paise {
  if (previousClose === null || position.carriedQuantity === 0) return position.realizedAtDayStart;
  return addPaise(position.realizedAtDayStart, subPaise(mulPaise(previousClose, position.carriedQuantity), position.carriedCost));
}

/** Day P&L at a mark: change of realized + unrealized since the previous close. */
export const dayPnl = (position: PositionState, markPrice: Paise | null, previousClose: Paise | null): Paise =>
  subPaise(addPaise(position.realizedPnl, markPrice === null ? ZERO_PAISE : unrealizedPnl(position, markPrice)), dayStartPnl(position, previousClose));

/**
 * Day P&L on trading day `today` without rolling a copy (the daily-loss check runs it per order):
 * a position untouched today is all carried, so its day P&L is just today's move from the close.
 */
export function dayPnlOn(position: PositionState, today: number, markPrice: Paise | null, previousClose: Paise | null): Paise {
  if (position.day >= today) return dayPnl(position, markPrice, previousClose);
  // dayPnl(rollToDay(position, today), …) written out: everything open was carried in at its cost
  // and nothing realized today — so without a close the carried lots count from their cost, as the
  // positions view shows them (the daily-loss check must not see a different day P&L).
  const unrealized = markPrice === null ? ZERO_PAISE : subPaise(mulPaise(markPrice, position.netQuantity), position.openCost);
  const carriedMove = previousClose === null || position.netQuantity === 0 ? ZERO_PAISE : subPaise(mulPaise(previousClose, position.netQuantity), position.openCost);
  return subPaise(unrealized, carriedMove);
}

/** The position as the API shows it; unrealized and day P&L are marked at `lastPrice`. */
export const PositionViewSchema = z.object({
  accountId: AccountIdSchema,
  instrumentId: InstrumentIdSchema,
  product: ProductSchema,
  /** Set on a virtual-book position (positions.books); null on the account's net position. */
  strategyId: StrategyIdSchema.nullable(),
  portfolioId: PortfolioIdSchema.nullable(),
  netQuantity: z.number().int(),
  /** Signed cost of the open lots; average price = openCost / netQuantity. */
  openCost: PaiseSchema,
  buyQuantity: z.number().int().nonnegative(),
  buyValue: PaiseSchema,
  sellQuantity: z.number().int().nonnegative(),
  sellValue: PaiseSchema,
  realizedPnl: PaiseSchema,
  lastPrice: PaiseSchema.nullable(),
  unrealizedPnl: PaiseSchema,
  /** The IST trading day the day fields describe (YYYY-MM-DD). */
  tradingDay: z.string(),
  /** Signed quantity carried in from before today (overnight NRML), at its original cost. */
  carriedQuantity: z.number().int(),
  /**
   * What the carried lots cost, and realized P&L when the day began: with a quote's previous close
   * they give day P&L (`dayPnl`), so a client re-marks it at a live quote exactly as the engine would.
   */
  carriedCost: PaiseSchema,
  realizedAtDayStart: PaiseSchema,
  dayBuyQuantity: z.number().int().nonnegative(),
  dayBuyValue: PaiseSchema,
  daySellQuantity: z.number().int().nonnegative(),
  daySellValue: PaiseSchema,
  /** Change of total P&L since the previous close (carried lots marked from the previous close). */
  dayPnl: PaiseSchema,
});
export type PositionView = z.infer<typeof PositionViewSchema>;

/**
 * The quote a position is marked at: its last price, the previous close day P&L is measured from
 * (null when unknown) and, when known, the time of the quote (`Tick.timestamp`) — see
 * `positionMarkOf` for what a 0 or a quote of an earlier session means.
 */
export type PositionQuote = { lastPrice: Paise; previousClose: Paise | null; timestamp?: number };
export type PositionMark = PositionQuote | null;

/**
 * The prices a quote marks a position at on trading day `today`:
 * - a last price of 0 is no price (Kite and XTS send 0 for a contract that has not traded): the
 *   position is left unmarked — 130 bought at ₹100 are not a ₹13,000 loss;
 * - a previous close of 0 is no close: the carried lots are then taken at their cost;
 * - a quote of an earlier session (yesterday's last tick, before today's first one) has the close
 *   before that session as its previous close: today's previous close is its last price, or the
 *   carried lots would show yesterday's move as today's.
 */
export function positionMarkOf(quote: PositionMark | undefined, today: number): { lastPrice: Paise; previousClose: Paise | null } | null {
  if (!quote || quote.lastPrice === 0) return null;
  return { lastPrice: quote.lastPrice, previousClose: previousCloseOn(quote, today) };
}

/** The previous close a quote measures day P&L on `today` from, or null when unknown (positionMarkOf's rules). */
export function previousCloseOn(quote: PositionQuote, today: number): Paise | null {
  if (quote.timestamp !== undefined && istDayNumber(quote.timestamp) < today) return quote.lastPrice === 0 ? null : quote.lastPrice;
  return quote.previousClose === 0 ? null : quote.previousClose;
}

export function toPositionView(position: PositionState, quote: PositionMark, today: number): PositionView {
  const current = rollToDay(position, today);
  const mark = positionMarkOf(quote, today);
  const lastPrice = mark?.lastPrice ?? null;
  return {
    accountId: current.accountId,
    instrumentId: current.instrumentId,
    product: current.product,
    strategyId: current.strategyId,
    portfolioId: current.portfolioId,
    netQuantity: current.netQuantity,
    openCost: current.openCost,
    buyQuantity: current.buyQuantity,
    buyValue: current.buyValue,
    sellQuantity: current.sellQuantity,
    sellValue: current.sellValue,
    realizedPnl: current.realizedPnl,
    lastPrice,
    unrealizedPnl: lastPrice === null ? ZERO_PAISE : unrealizedPnl(current, lastPrice),
    tradingDay: istDayToIsoDate(current.day),
    carriedQuantity: current.carriedQuantity,
    carriedCost: current.carriedCost,
    realizedAtDayStart: current.realizedAtDayStart,
    dayBuyQuantity: current.dayBuyQuantity,
    dayBuyValue: current.dayBuyValue,
    daySellQuantity: current.daySellQuantity,
    daySellValue: current.daySellValue,
    dayPnl: dayPnl(current, lastPrice, mark?.previousClose ?? null),
  };
}

/** A position worth showing today: open, or traded today (a closed-out position shows its P&L). */
export const isShownToday = (position: PositionState, today: number): boolean => position.netQuantity !== 0 || position.day >= today;

/** The IST day number of a view's trading day (YYYY-MM-DD); -1 for none. */
const viewDay = (view: Pick<PositionView, 'tradingDay'>): number => {
  const midnightUtc = Date.parse(`${view.tradingDay}T00:00:00Z`);
  return Number.isFinite(midnightUtc) ? Math.round(midnightUtc / 86_400_000) : -1;
};

/**
 * Re-marks a position view at a live quote (the web, on every tick): unrealized from the open cost,
 * and day P&L from the quote's previous close, exactly as the engine's `toPositionView` would mark
 * the position at that quote — also when the engine had no price for it (its day P&L then left the
 * carried lots out) or marked it at a quote of another session. A quote of a later trading day than
 * the view's (a page left open overnight) rolls the view to that day first: what is open is carried,
 * the day's counters start from zero. A quote without a price (0) unmarks it, as the engine would.
 */
export function remarkPositionView(view: PositionView, quote: PositionQuote): PositionView {
  const day = viewDay(view);
  const quoteDay = quote.timestamp === undefined ? day : istDayNumber(quote.timestamp);
  const current: PositionView =
    day >= 0 && quoteDay > day
      ? {
          ...view,
          tradingDay: istDayToIsoDate(quoteDay),
          carriedQuantity: view.netQuantity,
          carriedCost: view.openCost,
          realizedAtDayStart: view.realizedPnl,
          dayBuyQuantity: 0,
          dayBuyValue: ZERO_PAISE,
          daySellQuantity: 0,
          daySellValue: ZERO_PAISE,
        }
      : view;
  const mark = positionMarkOf(quote, Math.max(day, quoteDay));
  const lastPrice = mark?.lastPrice ?? null;
  const unrealized = lastPrice === null ? ZERO_PAISE : unrealizedPnl(current, lastPrice);
  const dayStart = dayStartPnl(current, mark?.previousClose ?? null);
  return { ...current, lastPrice, unrealizedPnl: unrealized, dayPnl: subPaise(addPaise(current.realizedPnl, unrealized), dayStart) };
}
