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

/**
 * At most this many trades are drawn in the grid: a year of an active account is tens of
 * thousands (up to 50,000 in one answer), and a table of them all — every row in the page, none
 * virtualized — would freeze the tab. The totals and the downloads still cover every trade.
 */
export const TRADES_SHOWN = 2_000;

/** The newest `limit` trades of a tradebook (which lists them oldest first). */
export const shownTrades = (trades: readonly Trade[], limit: number = TRADES_SHOWN): readonly Trade[] => (trades.length <= limit ? trades : trades.slice(-limit));

/** "Showing the newest 2,000 of 12,345 trades; …" when the grid leaves trades out, else null. */
export function truncatedText(total: number, shown: number): string | null {
  if (shown >= total) return null;
  const count = (value: number) => value.toLocaleString('en-IN');
  return `Showing the newest ${count(shown)} of ${count(total)} trades; the totals cover them all. Download Excel or CSV for every trade, or choose fewer days.`;
}
