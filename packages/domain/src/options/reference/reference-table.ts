import { readFileSync } from 'node:fs';
import { impliedVolatilityCode } from '../implied-volatility.ts';

/**
 * Reads the committed reference table (scripts/reference/generate-options-reference.py: mpmath at 60
 * digits, rounded to double) and judges implied-volatility accuracy against it. Test and benchmark
 * support only (node:fs): not exported from the package.
 */

type Table = { columns: string[]; rows: (number | null)[][] };
type ReferenceFile = { normal: Table; black76: Table; bsm: Table };

export type Black76ReferenceRow = {
  forward: number;
  strike: number;
  timeYears: number;
  volatility: number;
  discountFactor: number;
  callPrice: number;
  putPrice: number;
  callDelta: number;
  putDelta: number;
  gamma: number;
  vega: number;
  callTheta: number;
  putTheta: number;
  callRho: number;
  putRho: number;
  /** Exact implied volatility of the stored (rounded) price; null when none exists. */
  callIvOfPrice: number | null;
  putIvOfPrice: number | null;
};

export type BsmReferenceRow = {
  spot: number;
  strike: number;
  timeYears: number;
  volatility: number;
  rate: number;
  dividendYield: number;
  callPrice: number;
  putPrice: number;
  callDelta: number;
  putDelta: number;
  gamma: number;
  vega: number;
  callTheta: number;
  putTheta: number;
  callRho: number;
  putRho: number;
};

export type NormalReferenceRow = { z: number; cdf: number; pdf: number; cdfOfMinusZ: number };

function rowsOf<T>(table: Table): T[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])) as T);
}

let cached: { normal: NormalReferenceRow[]; black76: Black76ReferenceRow[]; bsm: BsmReferenceRow[] } | undefined;

export function loadReference(): { normal: NormalReferenceRow[]; black76: Black76ReferenceRow[]; bsm: BsmReferenceRow[] } {
  if (!cached) {
    const file = JSON.parse(readFileSync(new URL('./options-reference.json', import.meta.url), 'utf8')) as ReferenceFile;
    cached = { normal: rowsOf(file.normal), black76: rowsOf(file.black76), bsm: rowsOf(file.bsm) };
  }
  return cached;
}

export const DBL_EPSILON = 2.220446049250313e-16;

/** One unit in the last place of a positive double (the spacing above it). */
export function ulp(value: number): number {
  const magnitude = Math.abs(value);
  if (magnitude < 2.2250738585072014e-308) return 5e-324;
  return 2 ** (Math.floor(Math.log2(magnitude)) - 52);
}

export type IvCase = {
  isCall: boolean;
  price: number;
  forward: number;
  strike: number;
  timeYears: number;
  discountFactor: number;
  /** Exact IV of `price`. */
  exact: number;
  /**
   * Conditioning: the relative IV change caused by one ulp of price, ulp(price)/(∂V/∂σ·σ). No solver
   * can promise better than about this, because the price itself is only known to an ulp.
   */
  conditioning: number;
  /**
   * Where the price carries the information (shared reference options-math.md): time value and
   * distance to the upper bound above 1e-12·F, and at least 12 digits of IV in the price.
   */
  wellConditioned: boolean;
};

export function ivCases(): IvCase[] {
  const cases: IvCase[] = [];
  for (const row of loadReference().black76) {
    for (const isCall of [true, false]) {
      const exact = isCall ? row.callIvOfPrice : row.putIvOfPrice;
      if (exact === null) continue;
      const price = isCall ? row.callPrice : row.putPrice;
      const { forward, strike, discountFactor } = row;
      const intrinsic = discountFactor * Math.max(isCall ? forward - strike : strike - forward, 0);
      const upper = discountFactor * (isCall ? forward : strike);
      // vega is per vol point at the row's volatility; the exact IV is within a few ulps of it.
      const conditioning = ulp(price) / (row.vega * 100 * exact);
      const wellConditioned =
        price - intrinsic > 1e-12 * forward && upper - price > 1e-12 * forward && conditioning <= 1e-12;
      cases.push({ isCall, price, forward, strike, timeYears: row.timeYears, discountFactor, exact, conditioning, wellConditioned });
    }
  }
  return cases;
}

export type IvAccuracy = {
  wellConditionedCases: number;
  /** Max |σ_solved − σ_exact|/σ_exact over the well-conditioned cases (a failed solve counts as 1). */
  maxRelativeError: number;
  /** Max of that error divided by max(conditioning, ε): ~1 means as good as the price allows. */
  maxErrorOverConditioning: number;
};

export function ivAccuracy(): IvAccuracy {
  let wellConditionedCases = 0;
  let maxRelativeError = 0;
  let maxErrorOverConditioning = 0;
  for (const c of ivCases()) {
    if (!c.wellConditioned) continue;
    wellConditionedCases++;
    const solved = impliedVolatilityCode(c.isCall, c.price, c.forward, c.strike, c.timeYears, c.discountFactor);
    const error = solved > 0 ? Math.abs(solved - c.exact) / c.exact : 1;
    maxRelativeError = Math.max(maxRelativeError, error);
    maxErrorOverConditioning = Math.max(maxErrorOverConditioning, error / Math.max(c.conditioning, DBL_EPSILON));
  }
  return { wellConditionedCases, maxRelativeError, maxErrorOverConditioning };
}
