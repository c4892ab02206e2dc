import type { ChainOption, ChainRow, OptionChain } from '@strikedesk/domain';

/** How one strike of the chain is drawn: the ATM row highlighted, ITM halves shaded. */
export type RowClass = { atm: boolean; callItm: boolean; putItm: boolean };

/**
 * Moneyness against the forward (rupees, the pricing forward of the chain): a call is in the money
 * when its strike is below the forward, a put when its strike is above it. A strike exactly at the
 * forward is in the money for neither.
 */
export function classifyRow(strikePaise: number, chain: Pick<OptionChain, 'atmStrike' | 'forward'>): RowClass {
  const forwardPaise = chain.forward * 100;
  return {
    atm: strikePaise === chain.atmStrike,
    callItm: strikePaise < forwardPaise,
    putItm: strikePaise > forwardPaise,
  };
}

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

/** A Greek with a fixed number of decimals (tabular), em dash when unknown. */
export const formatGreek = (value: number | null | undefined, decimals: number): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(decimals);

/** Whole days, hours and minutes to expiry from a time in years (ACT/365). */
export function formatTimeToExpiry(years: number): string {
  if (!(years > 0)) return 'expired';
  const minutes = Math.floor(years * 365 * 24 * 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return days > 0 ? `${days}d ${hours}h` : `${hours}h ${rest}m`;
}

/** Put-call ratio with two decimals. */
export const formatRatio = (value: number | null): string => (value === null || !Number.isFinite(value) ? '—' : value.toFixed(2));
