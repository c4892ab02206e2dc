import { addPaise, DomainError, istDate, rupeesLabel, tradebookSpan, TradebookInputSchema, ZERO_PAISE, type Paise, type Trade, type TradebookInput } from '@strikedesk/domain';

/** Today's trades (IST): what the tab opens on, as Kite's tradebook does. */
export function todayRange(now: number): TradebookInput {
  const today = istDate(now);
  return { from: today, to: today };
}

/**
 * Why the dates cannot be asked for, in the words the server would use (the same rule, from the
 * domain), or null when they can: an empty field, a reversed range, more than 366 days.
 */
export function rangeProblem(from: string, to: string): string | null {
  if (from === '' || to === '') return 'Choose both dates.';
  const parsed = TradebookInputSchema.safeParse({ from, to });
  if (!parsed.success) return 'Enter dates as YYYY-MM-DD.';
  try {
    tradebookSpan(parsed.data);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

export type TradeTotals = { count: number; bought: Paise; sold: Paise };

export function tradeTotals(trades: readonly Trade[]): TradeTotals {
  let bought = ZERO_PAISE;
  let sold = ZERO_PAISE;
  for (const trade of trades) {
    if (trade.side === 'BUY') bought = addPaise(bought, trade.value);
    else sold = addPaise(sold, trade.value);
  }
  return { count: trades.length, bought, sold };
}

/** "3 trades · bought ₹1,23,456.50 · sold ₹98,765": the line under the tradebook. */
export function totalsText({ count, bought, sold }: TradeTotals): string {
  return `${count} ${count === 1 ? 'trade' : 'trades'} · bought ${rupeesLabel(bought)} · sold ${rupeesLabel(sold)}`;
}

/** "No trades today." / "No trades on 4 Dec 2026." / "No trades from … to …." */
export function emptyText(range: TradebookInput, today: string): string {
  if (range.from === range.to) return range.from === today ? 'No trades today.' : `No trades on ${range.from}.`;
  return `No trades from ${range.from} to ${range.to}.`;
}
