/**
 * Summary statistics of an option chain, over the rows a trader is shown (issue 5). Pure functions
 * shared by the engine (which publishes them) and the web (what-if). Strikes are paise; open
 * interest is in units. Results are display numbers, never money.
 */

export type OpenInterestRow = { strike: number; callOpenInterest: number; putOpenInterest: number };

/** Put-call ratio of open interest: Σ put OI / Σ call OI; null when there is no call OI. */
export function putCallRatio(rows: readonly OpenInterestRow[]): number | null {
  let calls = 0;
  let puts = 0;
  for (const row of rows) {
    calls += row.callOpenInterest;
    puts += row.putOpenInterest;
  }
  return calls > 0 ? puts / calls : null;
}

/**
 * What option writers pay holders at expiry if the underlying settles at `settle`:
 * Σ call OI·max(settle − K, 0) + put OI·max(K − settle, 0), in paise × units (a float; only
 * compared, never booked).
 */
export function writersPayout(rows: readonly OpenInterestRow[], settle: number): number {
  let payout = 0;
  for (const row of rows) {
    if (settle > row.strike) payout += row.callOpenInterest * (settle - row.strike);
    else if (settle < row.strike) payout += row.putOpenInterest * (row.strike - settle);
  }
  return payout;
}

/**
 * Max pain: the strike (among the rows) at which writers' total payout is smallest — the settle
 * price option sellers as a group would like best. Ties go to the lower strike; null when the rows
 * are empty or carry no open interest at all.
 */
export function maxPainStrike(rows: readonly OpenInterestRow[]): number | null {
  let best: number | null = null;
  let bestPayout = Number.POSITIVE_INFINITY;
  let anyInterest = false;
  for (const row of rows) if (row.callOpenInterest > 0 || row.putOpenInterest > 0) anyInterest = true;
  if (!anyInterest) return null;
  for (const candidate of rows) {
    const payout = writersPayout(rows, candidate.strike);
    if (payout < bestPayout || (payout === bestPayout && best !== null && candidate.strike < best)) {
      best = candidate.strike;
      bestPayout = payout;
    }
  }
  return best;
}

/**
 * Index of the at-the-money strike: the one nearest the forward (ties to the lower strike). The
 * strikes must be sorted ascending; -1 when there are none.
 */
export function atmStrikeIndex(sortedStrikes: readonly number[], forward: number): number {
  let bestIndex = -1;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let index = 0; index < sortedStrikes.length; index += 1) {
    const distance = Math.abs((sortedStrikes[index] as number) - forward);
    if (distance < bestDistance) {
      bestDistance = distance;
      bestIndex = index;
    }
  }
  return bestIndex;
}

/**
 * The [start, end) slice of `strikesEachSide` strikes either side of the ATM index, clipped to the
 * listed strikes (so near the edge of the listing the chain shows fewer rows on that side).
 */
export function strikeWindow(length: number, atmIndex: number, strikesEachSide: number): { start: number; end: number } {
  if (atmIndex < 0 || length === 0) return { start: 0, end: 0 };
  return { start: Math.max(0, atmIndex - strikesEachSide), end: Math.min(length, atmIndex + strikesEachSide + 1) };
}
