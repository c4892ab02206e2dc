import { z } from 'zod';
import { InstrumentIdSchema, type InstrumentId } from '../ids.ts';
import { addPaise, divRoundPaise, PaiseSchema, sumPaise, ZERO_PAISE, type Paise } from '../money.ts';
import { positionMarkOf, unrealizedPnl, type PositionMark } from '../position.ts';

/**
 * What a strategy's virtual book still holds in one instrument, marked at the last price. The
 * marking rule is the positions screen's (`positionMarkOf`, `unrealizedPnl`), so the two never
 * disagree on what an open position is worth.
 */
export const StrategyOpenPositionSchema = z.object({
  instrumentId: InstrumentIdSchema,
  /** Units still open, signed: positive long, negative short. */
  quantity: z.number().int(),
  /**
   * Signed cost of the open first-in first-out lots (positive long, negative short): each lot's
   * exact share of its fill's value, so it is a whole number of paise with nothing rounded away.
   */
  openCost: PaiseSchema,
  /**
   * openCost / quantity rounded half away from zero to the paisa (`divRoundPaise`), for display.
   * Unrealized P&L is computed from openCost, not from this, so it may differ from
   * (lastPrice − averagePrice) × quantity by up to quantity / 2 paise.
   */
  averagePrice: PaiseSchema,
  /** The price it is marked at; null when there is none (no tick yet, or a last price of 0). */
  lastPrice: PaiseSchema.nullable(),
  /** lastPrice × quantity − openCost; null without a price (never marked at 0). */
  unrealizedPnl: PaiseSchema.nullable(),
});
export type StrategyOpenPosition = z.infer<typeof StrategyOpenPositionSchema>;

/** An open position before it is marked. */
export type StrategyOpenLots = { instrumentId: InstrumentId; quantity: number; openCost: Paise };

/**
 * Where marks come from: the latest quote per instrument (the engine's last tick; in the browser
 * the live one) and the IST trading day `positionMarkOf` reads the quote on.
 */
export type StrategyMarks = { quoteOf(instrumentId: string): PositionMark | undefined; today: number };

/** An open position marked at its quote; a quote of 0 (Kite/XTS: not traded yet) is no price. */
export function markOpenPosition(lots: StrategyOpenLots, marks: StrategyMarks): StrategyOpenPosition {
  const mark = positionMarkOf(marks.quoteOf(lots.instrumentId), marks.today);
  return {
    instrumentId: lots.instrumentId,
    quantity: lots.quantity,
    openCost: lots.openCost,
    averagePrice: divRoundPaise(lots.openCost, lots.quantity),
    lastPrice: mark?.lastPrice ?? null,
    unrealizedPnl: mark ? unrealizedPnl({ openCost: lots.openCost, netQuantity: lots.quantity }, mark.lastPrice) : null,
  };
}

/** The marks of a strategy's book: unrealized sums the priced instruments only (unpriced ones count for nothing, not for a loss). */
export type StrategyMarkedBook = { open: StrategyOpenPosition[]; unrealizedPnl: Paise; totalPnl: Paise };

export function markStrategyBook(realizedPnl: Paise, lots: readonly StrategyOpenLots[], marks: StrategyMarks): StrategyMarkedBook {
  const open = lots.map((position) => markOpenPosition(position, marks));
  const unrealized = sumPaise(open.map((position) => position.unrealizedPnl ?? ZERO_PAISE));
  return { open, unrealizedPnl: unrealized, totalPnl: addPaise(realizedPnl, unrealized) };
}

/**
 * Re-marks a performance at newer quotes (the browser, at every live tick), exactly as the engine
 * marked it. An instrument without a newer quote keeps the engine's price; a newer quote of 0
 * unmarks it, as the engine would.
 */
export function remarkStrategyBook(
  performance: { realizedPnl: Paise; open: readonly StrategyOpenPosition[] },
  marks: StrategyMarks,
): StrategyMarkedBook {
  const engineQuotes = new Map(performance.open.map((position) => [position.instrumentId as string, position.lastPrice]));
  return markStrategyBook(performance.realizedPnl, performance.open, {
    today: marks.today,
    quoteOf: (instrumentId) => {
      const fresh = marks.quoteOf(instrumentId);
      if (fresh) return fresh;
      const lastPrice = engineQuotes.get(instrumentId);
      return lastPrice == null ? undefined : { lastPrice, previousClose: null };
    },
  });
}
