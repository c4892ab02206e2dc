import { addPaise, subPaise, ZERO_PAISE, type Paise, type PositionState } from '@strikedesk/domain';

/**
 * One account's day P&L on one day, kept as linear terms so that the daily-loss check prices it per
 * order without reading every position (reading them was the largest part of the pre-trade check:
 * a dozen positions per account, each a handful of boxed numbers scattered in memory —
 * docs/benchmarks.md, "Engine core"):
 *
 *   day P&L on day D = constant + Σ over instruments (mark × net − previousClose × carried)
 *
 * where net is the instrument's net quantity over products (the AccountBook's exposure slot). This
 * is `dayPnlOn` summed over positions, written out: a position whose day fields describe D
 * (position.day ≥ D) gives realized − openCost − realizedAtDayStart + carriedCost (when something
 * was carried) + mark × net − previousClose × carried; one last touched before D has everything
 * open carried: (mark − previousClose) × net. Only while both prices are known: without a quote
 * the definition leaves a position's marked parts out (openCost included), so the check falls back
 * to the position-by-position sum when any instrument in `quoted` has none. `quoted` counts
 * positions, not net quantities: a long NRML and a short MIS of one instrument net to zero and
 * still each need the quote.
 *
 * A position's part depends only on the position and D, so the fold keeps the terms exact by
 * taking a position's part out before a fill and putting it back after. Terms are for one day:
 * the check rebuilds them from the positions when asked for another (once a day per account) or
 * when they were never built (after a restart). A cache of the fold, not journal state: snapshots
 * do not carry it.
 */
export class DayPnlTerms {
  /** The IST day the terms describe; -1 until built. */
  day = -1;
  constant: Paise = ZERO_PAISE;
  /** Σ carried quantity per instrument, for the previous-close term (non-zero entries only). */
  readonly carried = new Map<string, number>();
  /** Per instrument, how many positions have a part that needs its quote (open, or carried into D). */
  readonly quoted = new Map<string, number>();

  /** Adds (1) or takes out (−1) one position's part on `day`. */
  add(position: PositionState, sign: 1 | -1): void {
    let carried: number;
    if (position.day >= this.day) {
      carried = position.carriedQuantity;
      const part = addPaise(subPaise(subPaise(position.realizedPnl, position.openCost), position.realizedAtDayStart), carried === 0 ? ZERO_PAISE : position.carriedCost);
      this.constant = sign === 1 ? addPaise(this.constant, part) : subPaise(this.constant, part);
    } else carried = position.netQuantity;
    if (position.netQuantity !== 0 || carried !== 0) bump(this.quoted, position.instrumentId, sign);
    if (carried !== 0) bump(this.carried, position.instrumentId, sign * carried);
  }

  rebuild(positions: readonly PositionState[], day: number): void {
    this.day = day;
    this.constant = ZERO_PAISE;
    this.carried.clear();
    this.quoted.clear();
    for (const position of positions) this.add(position, 1);
  }
}

/** Adds `by` to a key's count, keeping only non-zero counts. */
function bump(counts: Map<string, number>, key: string, by: number): void {
  const total = (counts.get(key) ?? 0) + by;
  if (total === 0) counts.delete(key);
  else counts.set(key, total);
}
