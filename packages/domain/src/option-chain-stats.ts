/**
 * Summary statistics of an option chain, over every listed strike of the expiry (issue 5). Pure functions
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
 *
 * O(n) for rows sorted ascending by strike (as a chain lists them; unsorted rows are sorted first):
 * with prefix sums of call OI and call OI·K below the candidate and suffix sums of put OI and put
 * OI·K above it, payout(Kj) = Kj·ΣC<j − Σ(C·K)<j + Σ(P·K)>j − Kj·ΣP>j, and moving to the next strike
 * updates each sum by one row. Rows at the same strike pay nothing at it, as in `writersPayout`.
 */
export function maxPainStrike(rows: readonly OpenInterestRow[]): number | null {
  let sorted = true;
  let anyInterest = false;
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] as OpenInterestRow;
    if (row.callOpenInterest > 0 || row.putOpenInterest > 0) anyInterest = true;
    if (index > 0 && row.strike < (rows[index - 1] as OpenInterestRow).strike) sorted = false;
  }
  if (!anyInterest) return null;
  const ordered = sorted ? rows : [...rows].sort((a, b) => a.strike - b.strike);
  let putsAbove = 0;
  let putsStrikeAbove = 0;
  for (const row of ordered) {
    putsAbove += row.putOpenInterest;
    putsStrikeAbove += row.putOpenInterest * row.strike;
  }
  let callsBelow = 0;
  let callsStrikeBelow = 0;
  let best: number | null = null;
  let bestPayout = Number.POSITIVE_INFINITY;
  let group = 0;
  while (group < ordered.length) {
    // Rows sharing one strike form a group: at that settle none of them pays.
    const strike = (ordered[group] as OpenInterestRow).strike;
    let next = group;
    let groupCalls = 0;
    let groupCallsStrike = 0;
    while (next < ordered.length && (ordered[next] as OpenInterestRow).strike === strike) {
      const row = ordered[next] as OpenInterestRow;
      putsAbove -= row.putOpenInterest;
      putsStrikeAbove -= row.putOpenInterest * row.strike;
      groupCalls += row.callOpenInterest;
      groupCallsStrike += row.callOpenInterest * row.strike;
      next += 1;
    }
    const payout = strike * callsBelow - callsStrikeBelow + putsStrikeAbove - strike * putsAbove;
    if (payout < bestPayout) {
      best = strike;
      bestPayout = payout;
    }
    callsBelow += groupCalls;
    callsStrikeBelow += groupCallsStrike;
    group = next;
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
 * Whether the listed strikes reach the forward: it lies between the outermost strikes, or past one
 * by at most half the step next to it. When it does not (the market ran past the day's listing),
 * the nearest strike — `atmStrikeIndex`'s answer — is an edge strike far out of the money, and its
 * IV is no at-the-money IV. The strikes must be sorted ascending; false when there are none.
 */
export function forwardWithinListing(sortedStrikes: readonly number[], forward: number): boolean {
  const count = sortedStrikes.length;
  if (count === 0 || !Number.isFinite(forward)) return false;
  const lowest = sortedStrikes[0] as number;
  const highest = sortedStrikes[count - 1] as number;
  if (count === 1) return forward === lowest;
  const stepBelow = (sortedStrikes[1] as number) - lowest;
  const stepAbove = highest - (sortedStrikes[count - 2] as number);
  return forward >= lowest - stepBelow / 2 && forward <= highest + stepAbove / 2;
}

/**
 * The [start, end) slice of `strikesEachSide` strikes either side of the ATM index, clipped to the
 * listed strikes (so near the edge of the listing the chain shows fewer rows on that side).
 */
export function strikeWindow(length: number, atmIndex: number, strikesEachSide: number): { start: number; end: number } {
  if (atmIndex < 0 || length === 0) return { start: 0, end: 0 };
  return { start: Math.max(0, atmIndex - strikesEachSide), end: Math.min(length, atmIndex + strikesEachSide + 1) };
}
