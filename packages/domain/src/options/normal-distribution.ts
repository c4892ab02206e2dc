/**
 * Standard normal distribution to (near) full double precision, relative accuracy included, across
 * the whole range of doubles: Φ(−38) ≈ 2.9e-316 is still right to the last representable digit.
 *
 * Built on W. J. Cody's rational Chebyshev approximations of erf/erfc/erfcx ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 1969; coefficients as in CALERF, the version
 * Jäckel's "Let's Be Rational" reference implementation uses). Two details make the tail exact:
 * - Φ(z) is written as ½·erfcx(|z|/√2)·exp(−z²/2), and the rounding of z² is compensated (z² is
 *   computed exactly as a sum of two doubles), applied to z rather than z/√2 so that the rounding of
 *   z/√2 never reaches the exponent: at z = −38 one ulp in the exponent would be 1.6e-13 relative.
 *   Cody splits z into a part with an exact square instead, at the cost of a second exponential.
 * - Below z ≈ −37.5 the result is subnormal; it is computed scaled by e^700 and rounded into the
 *   subnormal range by a single final multiplication.
 */

const ONE_OVER_SQRT_TWO = 0.7071067811865475244008443621048490392848359376887;
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014326779399460599343818684758586311649;
const SQRT_PI_RECIPROCAL = 0.56418958354775628695; // 1/√π
/** |z| = 0.46875·√2: below it Φ uses erf directly (no exponential). */
const SMALL_Z = 0.66291260736238830;
/** Above this |z| the tail is subnormal (or zero); compute it scaled. */
const SUBNORMAL_Z = 37;
/** Beyond this |z| the tail is below half the smallest subnormal. */
const UNDERFLOW_Z = 38.6;
const SCALE_EXPONENT = 700;
const EXP_MINUS_SCALE = Math.exp(-SCALE_EXPONENT);

/**
 * exp(−z²/2) for 0 ≤ z < 38.6 with the rounding of z² compensated: z² = p + err exactly (Dekker's
 * product with Veltkamp's split), p/2 is exact, and exp(−err/2) = 1 − err/2 to 1e-27.
 */
export function expMinusHalfSquare(z: number): number {
  const c = 134217729 * z;
  const high = c - (c - z);
  const low = z - high;
  const p = z * z;
  const err = high * high - p + 2 * high * low + low * low;
  return Math.exp(-0.5 * p) * (1 - 0.5 * err);
}

/** As expMinusHalfSquare, scaled by e^700 so that values that would be subnormal keep full precision. */
function expMinusHalfSquareScaled(z: number): number {
  const c = 134217729 * z;
  const high = c - (c - z);
  const low = z - high;
  const p = z * z;
  const err = high * high - p + 2 * high * low + low * low;
  // For 37 ≤ z < 38.6, p/2 ∈ [684, 745] is within a factor 2 of 700: the subtraction is exact (Sterbenz).
  return Math.exp(SCALE_EXPONENT - 0.5 * p) * (1 - 0.5 * err);
}

/** exp(y²) for 0 ≤ y ≤ 26.7, compensated as in expMinusHalfSquare. */
function expSquare(y: number): number {
  const c = 134217729 * y;
  const high = c - (c - y);
  const low = y - high;
  const p = y * y;
  const err = high * high - p + 2 * high * low + low * low;
  return Math.exp(p) * (1 + err);
}

/** erf(y) for |y| ≤ 0.46875 (Cody, first interval). */
function erfSmall(y: number): number {
  const ysq = y * y;
  let numerator = 0.185777706184603153 * ysq;
  let denominator = ysq;
  numerator = (numerator + 3.1611237438705656) * ysq;
  denominator = (denominator + 23.6012909523441209) * ysq;
  numerator = (numerator + 113.864154151050156) * ysq;
  denominator = (denominator + 244.024637934444173) * ysq;
  numerator = (numerator + 377.485237685302021) * ysq;
  denominator = (denominator + 1282.61652607737228) * ysq;
  return (y * (numerator + 3209.37758913846947)) / (denominator + 2844.23683343917062);
}

/** erfcx(y) = exp(y²)·erfc(y) for y > 0.46875 (Cody, second and third intervals). */
function erfcxLarge(y: number): number {
  if (y <= 4) {
    let numerator = 2.15311535474403846e-8 * y;
    let denominator = y;
    numerator = (numerator + 0.564188496988670089) * y;
    denominator = (denominator + 15.7449261107098347) * y;
    numerator = (numerator + 8.88314979438837594) * y;
    denominator = (denominator + 117.693950891312499) * y;
    numerator = (numerator + 66.1191906371416295) * y;
    denominator = (denominator + 537.181101862009858) * y;
    numerator = (numerator + 298.635138197400131) * y;
    denominator = (denominator + 1621.38957456669019) * y;
    numerator = (numerator + 881.95222124176909) * y;
    denominator = (denominator + 3290.79923573345963) * y;
    numerator = (numerator + 1712.04761263407058) * y;
    denominator = (denominator + 4362.61909014324716) * y;
    numerator = (numerator + 2051.07837782607147) * y;
    denominator = (denominator + 3439.36767414372164) * y;
    return (numerator + 1230.33935479799725) / (denominator + 1230.33935480374942);
  }
  if (y >= 6.71e7) return y >= 2.53e307 ? 0 : SQRT_PI_RECIPROCAL / y;
  const ysq = 1 / (y * y);
  let numerator = 0.0163153871373020978 * ysq;
  let denominator = ysq;
  numerator = (numerator + 0.305326634961232344) * ysq;
  denominator = (denominator + 2.56852019228982242) * ysq;
  numerator = (numerator + 0.360344899949804439) * ysq;
  denominator = (denominator + 1.87295284992346047) * ysq;
  numerator = (numerator + 0.125781726111229246) * ysq;
  denominator = (denominator + 0.527905102951428412) * ysq;
  numerator = (numerator + 0.0160837851487422766) * ysq;
  denominator = (denominator + 0.0605183413124413191) * ysq;
  const ratio = (ysq * (numerator + 6.58749161529837803e-4)) / (denominator + 0.00233520497626869185);
  return (SQRT_PI_RECIPROCAL - ratio) / y;
}

/**
 * Scaled complementary error function erfcx(x) = exp(x²)·erfc(x), for any real x. Overflows to
 * Infinity only where the true value exceeds the double range (x < −26.6).
 */
export function erfcx(x: number): number {
  const y = Math.abs(x);
  if (y <= 0.46875) return (1 - erfSmall(x)) * Math.exp(x * x);
  const positive = erfcxLarge(y);
  if (x > 0) return positive;
  if (x < -26.628) return Infinity;
  // erfcx(−y) = 2·exp(y²) − erfcx(y)
  const twiceExp = 2 * expSquare(y);
  return twiceExp - positive;
}

/** Standard normal cumulative distribution Φ(z), relative accuracy ~1e-15 over the whole range. */
export function normalCdf(z: number): number {
  const az = Math.abs(z);
  if (az <= SMALL_Z) return 0.5 + 0.5 * erfSmall(z * ONE_OVER_SQRT_TWO);
  let tail: number;
  if (az < SUBNORMAL_Z) tail = 0.5 * erfcxLarge(az * ONE_OVER_SQRT_TWO) * expMinusHalfSquare(az);
  else if (az < UNDERFLOW_Z) tail = 0.5 * erfcxLarge(az * ONE_OVER_SQRT_TWO) * expMinusHalfSquareScaled(az) * EXP_MINUS_SCALE;
  else if (az <= Infinity) tail = 0;
  else return NaN; // NaN in, NaN out
  return z < 0 ? tail : 1 - tail;
}

/**
 * Lower tail Φ(−z) and density φ(z) of a z ≥ 0 in one pass sharing the exponential (the Greeks hot
 * path needs both): writes out[0] = Φ(−z), out[1] = φ(z).
 */
export function normalTailAndDensity(z: number, out: Float64Array): void {
  if (z < SUBNORMAL_Z) {
    const e = expMinusHalfSquare(z);
    out[0] = z <= SMALL_Z ? 0.5 - 0.5 * erfSmall(z * ONE_OVER_SQRT_TWO) : 0.5 * erfcxLarge(z * ONE_OVER_SQRT_TWO) * e;
    out[1] = ONE_OVER_SQRT_TWO_PI * e;
  } else {
    out[0] = normalCdf(-z);
    out[1] = normalPdf(z);
  }
}

/** Φ(−z) for 0 ≤ z < 37 given e = exp(−z²/2) accurate to a few ulps (e.g. shared with other terms). */
export function normalTailGivenExp(z: number, e: number): number {
  return z <= SMALL_Z ? 0.5 - 0.5 * erfSmall(z * ONE_OVER_SQRT_TWO) : 0.5 * erfcxLarge(z * ONE_OVER_SQRT_TWO) * e;
}

/** Standard normal density φ(z) = exp(−z²/2)/√(2π), relative accuracy ~1e-16 over the whole range. */
export function normalPdf(z: number): number {
  const az = Math.abs(z);
  if (az < SUBNORMAL_Z) return ONE_OVER_SQRT_TWO_PI * expMinusHalfSquare(az);
  if (az < UNDERFLOW_Z) return ONE_OVER_SQRT_TWO_PI * expMinusHalfSquareScaled(az) * EXP_MINUS_SCALE;
  return az <= Infinity ? 0 : NaN;
}

/**
 * Inverse of Φ: Wichura's algorithm AS241 (Appl. Statist. 1988), ~1e-16 relative. Used for the
 * implied-volatility initial guesses. Returns −Infinity for u ≤ 0 and +Infinity for u ≥ 1.
 */
export function inverseNormalCdf(u: number): number {
  if (u <= 0) return -Infinity;
  if (u >= 1) return Infinity;
  const q = u - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
          4.5921953931549871457e4) *
          r +
          1.3731693765509461125e4) *
          r +
          1.9715909503065514427e3) *
          r +
          1.3314166789178437745e2) *
          r +
          3.3871328727963666080)) /
      (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r +
        2.1213794301586595867e4) *
        r +
        5.3941960214247511077e3) *
        r +
        6.8718700749205790830e2) *
        r +
        4.2313330701600911252e1) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? u : 1 - u));
  let value: number;
  if (r < 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 2.27238449892691845833e-2) * r + 2.4178072517745061177e-1) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 1.51986665636164571966e-2) * r +
        1.48103976427480074590e-1) *
        r +
        6.8976733498510000455e-1) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) *
        r +
        2.9656057182850489123e-1) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
        1.4875361290850614852e-2) *
        r +
        1.3692988092273580531e-1) *
        r +
        5.9983220655588793769e-1) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}
