import { z } from 'zod';
import { InstrumentIdSchema, StrategyIdSchema } from '../ids.ts';
import { addPaise, divRoundPaise, mulPaise, negatePaise, PaiseSchema, subPaise, sumPaise, ZERO_PAISE, type Paise } from '../money.ts';
import type { Side } from '../order.ts';
import { markStrategyBook, StrategyOpenPositionSchema, type StrategyMarks, type StrategyOpenLots } from './strategy-open-position.ts';

/** A strategy's executed quantity in one order: what its virtual book was built from. */
export type StrategyFill = { at: number; instrumentId: string; side: Side; quantity: number; value: Paise };

export const ClosedTradeSchema = z.object({
  instrumentId: InstrumentIdSchema,
  direction: z.enum(['LONG', 'SHORT']),
  quantity: z.number().int().positive(),
  openedAt: z.number().int(),
  closedAt: z.number().int(),
  entryValue: PaiseSchema,
  exitValue: PaiseSchema,
  pnl: PaiseSchema,
});
export type ClosedTrade = z.infer<typeof ClosedTradeSchema>;

export const StrategyPerformanceSchema = z.object({
  strategyId: StrategyIdSchema,
  trades: z.array(ClosedTradeSchema),
  /** Realized P&L after each closed trade (the equity curve of the virtual book). */
  equity: z.array(z.object({ at: z.number().int(), equity: PaiseSchema })),
  realizedPnl: PaiseSchema,
  /** Largest fall of the equity curve from a previous peak (≥ 0). */
  maxDrawdown: PaiseSchema,
  wins: z.number().int().nonnegative(),
  losses: z.number().int().nonnegative(),
  /** wins / closed trades; null before the first closed trade. */
  winRate: z.number().min(0).max(1).nullable(),
  /** What is still open per instrument (signed units), with its average entry and marked at the last price. */
  open: z.array(StrategyOpenPositionSchema),
  /** Unrealized P&L of the open instruments that have a price (one without a price counts for nothing). */
  unrealizedPnl: PaiseSchema,
  /** realizedPnl + unrealizedPnl: what the strategy is up or down now. */
  totalPnl: PaiseSchema,
});
export type StrategyPerformance = z.infer<typeof StrategyPerformanceSchema>;

type OpenLot = { quantity: number; value: Paise; at: number };

/** Takes `quantity` units off a lot, with an exact share of its value (the last piece gets the remainder). */
function take(lot: OpenLot, quantity: number): Paise {
  const share = quantity === lot.quantity ? lot.value : divRoundPaise(mulPaise(lot.value, quantity), lot.quantity);
  lot.quantity -= quantity;
  lot.value = subPaise(lot.value, share);
  return share;
}

/**
 * Round trips of a strategy's fills, matched first-in first-out per instrument, and the statistics
 * a trader reads off them; what is still open is marked at `marks`. Money stays in integer paise
 * throughout.
 */
export function strategyPerformance(strategyId: z.infer<typeof StrategyIdSchema>, fills: readonly StrategyFill[], marks: StrategyMarks): StrategyPerformance {
  const books = new Map<string, { direction: 1 | -1; lots: OpenLot[] }>();
  const trades: ClosedTrade[] = [];
  for (const fill of [...fills].sort((a, b) => a.at - b.at)) {
    const sign = fill.side === 'BUY' ? 1 : -1;
    const incoming: OpenLot = { quantity: fill.quantity, value: fill.value, at: fill.at };
    const book = books.get(fill.instrumentId);
    if (!book || book.lots.length === 0 || book.direction === sign) {
      books.set(fill.instrumentId, { direction: sign, lots: [...(book?.direction === sign ? book.lots : []), incoming] });
      continue;
    }
    while (incoming.quantity > 0 && book.lots.length > 0) {
      const lot = book.lots[0]!;
      const quantity = Math.min(lot.quantity, incoming.quantity);
      const openedAt = lot.at;
      const entryValue = take(lot, quantity);
      const exitValue = take(incoming, quantity);
      const pnl = book.direction === 1 ? subPaise(exitValue, entryValue) : subPaise(entryValue, exitValue);
      trades.push({ instrumentId: fill.instrumentId as ClosedTrade['instrumentId'], direction: book.direction === 1 ? 'LONG' : 'SHORT', quantity, openedAt, closedAt: fill.at, entryValue, exitValue, pnl });
      if (lot.quantity === 0) book.lots.shift();
    }
    if (incoming.quantity > 0) books.set(fill.instrumentId, { direction: sign, lots: [incoming] });
  }

  let equity = ZERO_PAISE;
  let peak = ZERO_PAISE;
  let maxDrawdown = ZERO_PAISE;
  const curve: StrategyPerformance['equity'] = [];
  for (const trade of trades) {
    equity = addPaise(equity, trade.pnl);
    if (equity > peak) peak = equity;
    if (subPaise(peak, equity) > maxDrawdown) maxDrawdown = subPaise(peak, equity);
    curve.push({ at: trade.closedAt, equity });
  }
  const wins = trades.filter((trade) => trade.pnl > 0).length;
  const losses = trades.filter((trade) => trade.pnl < 0).length;
  const openLots: StrategyOpenLots[] = [...books.entries()]
    .map(([instrumentId, book]) => {
      // The lots' remaining values are exact shares of their fills (take), so the cost loses no paisa.
      const cost = sumPaise(book.lots.map((lot) => lot.value));
      return {
        instrumentId: instrumentId as ClosedTrade['instrumentId'],
        quantity: book.direction * book.lots.reduce((sum, lot) => sum + lot.quantity, 0),
        openCost: book.direction === 1 ? cost : negatePaise(cost),
      };
    })
    .filter((position) => position.quantity !== 0);
  const marked = markStrategyBook(equity, openLots, marks);
  return {
    strategyId,
    trades,
    equity: curve,
    realizedPnl: equity,
    maxDrawdown,
    wins,
    losses,
    winRate: trades.length === 0 ? null : wins / trades.length,
    open: marked.open,
    unrealizedPnl: marked.unrealizedPnl,
    totalPnl: marked.totalPnl,
  };
}
