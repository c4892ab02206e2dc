import type { ChainOption, ChainQuery, ChainRow, OptionChain } from '@strikedesk/domain';

/** How one strike of the chain is drawn: the ATM row highlighted, ITM halves shaded. */
export type RowClass = { atm: boolean; callItm: boolean; putItm: boolean };

/**
 * Moneyness against spot, because index options settle against the spot index: a call is in the
 * money when its strike is below spot, a put when its strike is above it (a strike exactly at spot
 * is in the money for neither). ATM stays the engine's atmStrike, the strike nearest the forward.
 */
export function classifyRow(strikePaise: number, chain: Pick<OptionChain, 'atmStrike' | 'spot'>): RowClass {
  return {
    atm: strikePaise === chain.atmStrike,
    callItm: strikePaise < chain.spot,
    putItm: strikePaise > chain.spot,
  };
}

/** The header legend for the shading. */
export const SHADING_LEGEND = 'ITM shaded vs spot · ATM nearest forward';

/**
 * Whether a chain (a `chain` push, or data on screen) is exactly the current query's: same
 * underlying, expiry and strikes each side (the engine echoes the query's). A push for the previous
 * picker choice may still be in flight after a change and must be dropped.
 */
export const chainMatchesQuery = (
  chain: Pick<OptionChain, 'underlying' | 'expiry' | 'strikesEachSide'>,
  query: Pick<ChainQuery, 'underlying' | 'expiry' | 'strikesEachSide'>,
): boolean => chain.underlying === query.underlying && chain.expiry === query.expiry && chain.strikesEachSide === query.strikesEachSide;

/**
 * What to show while a new query's chain loads: the previous chain when it is of the same
 * underlying and expiry (only the strikes window changed), else nothing (a loading state) — never
 * another expiry's instruments.
 */
export const chainPlaceholder = (
  previous: OptionChain | undefined,
  query: Pick<ChainQuery, 'underlying' | 'expiry'>,
): OptionChain | undefined =>
  previous !== undefined && previous.underlying === query.underlying && previous.expiry === query.expiry ? previous : undefined;

const sameOption = (a: ChainOption | null, b: ChainOption | null): boolean => {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return (
    a.instrumentId === b.instrumentId &&
    a.bid === b.bid &&
    a.ask === b.ask &&
    a.lastPrice === b.lastPrice &&
    a.change === b.change &&
    a.volume === b.volume &&
    a.openInterest === b.openInterest &&
    a.openInterestChange === b.openInterestChange &&
    a.iv === b.iv &&
    a.delta === b.delta &&
    a.gamma === b.gamma &&
    a.theta === b.theta &&
    a.vega === b.vega
  );
};

export const sameRow = (a: ChainRow, b: ChainRow): boolean =>
  a.strike === b.strike && sameOption(a.call, b.call) && sameOption(a.put, b.put);

/**
 * The next chain with every unchanged row replaced by the previous row object, so memoised rows
 * skip rendering and only the cells whose values moved re-render (and flash). Rows are matched by
 * strike; a chain of another underlying or expiry is returned as is.
 */
export function stabiliseChain(previous: OptionChain | undefined, next: OptionChain): OptionChain {
  if (!previous || previous.underlying !== next.underlying || previous.expiry !== next.expiry) return next;
  const byStrike = new Map(previous.rows.map((row) => [row.strike, row]));
  let reused = 0;
  const rows = next.rows.map((row) => {
    const old = byStrike.get(row.strike);
    if (old && sameRow(old, row)) {
      reused += 1;
      return old;
    }
    return row;
  });
  if (reused === next.rows.length && rows.length === previous.rows.length && rows.every((row, i) => row === previous.rows[i])) {
    // Nothing moved in the rows: keep the previous rows array too.
    return { ...next, rows: previous.rows };
  }
  return { ...next, rows };
}

/** Strikes whose row changed between two chains (for tests and diagnostics). */
export function changedStrikes(previous: OptionChain | undefined, next: OptionChain): number[] {
  const byStrike = new Map((previous?.rows ?? []).map((row) => [row.strike, row]));
  return next.rows.filter((row) => {
    const old = byStrike.get(row.strike);
    return !old || !sameRow(old, row);
  }).map((row) => row.strike);
}

/** IV as a percentage with two decimals ("15.23"), em dash when unknown. */
export const formatIv = (iv: number | null | undefined): string =>
  iv === null || iv === undefined || !Number.isFinite(iv) ? '—' : (iv * 100).toFixed(2);

/**
 * A Greek with a fixed number of decimals (tabular), em dash when unknown. A value that rounds to
 * zero shows as 0, not "-0.00": toFixed keeps the sign of a tiny negative (a far-OTM put's delta).
 */
export function formatGreek(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(decimals);
  return Number(text) === 0 ? (0).toFixed(decimals) : text;
}

const MILLISECONDS_PER_YEAR = 365 * 86_400_000;

/** Whole days, hours and minutes to expiry from a time in years (ACT/365). */
export function formatTimeToExpiry(years: number): string {
  if (!(years > 0)) return 'expired';
  // The engine's years are whole milliseconds / ms per year: back to those milliseconds first, so
  // exactly 3 days left floors to 3d 0h, not (through the rounding of years × minutes) 2d 23h.
  const minutes = Math.floor(Math.round(years * MILLISECONDS_PER_YEAR) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return days > 0 ? `${days}d ${hours}h` : `${hours}h ${rest}m`;
}

/** Put-call ratio with two decimals. */
export const formatRatio = (value: number | null): string => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(2));
