import { DBL_EPSILON, DBL_MAX, DBL_MIN } from './normalised-black.ts';

/**
 * Shape-preserving rational cubic interpolation (Delbourgo & Gregory, SIAM J. Sci. Stat. Comput.
 * 1985), as used by Jäckel's "Let's Be Rational" for its initial guesses; ported from the reference
 * implementation (Copyright © 2013-2014 Peter Jäckel, freely distributable with this notice).
 */

const MINIMUM_CONTROL_PARAMETER = -(1 - Math.sqrt(DBL_EPSILON));
const MAXIMUM_CONTROL_PARAMETER = 2 / (DBL_EPSILON * DBL_EPSILON);

const isZero = (x: number): boolean => Math.abs(x) < DBL_MIN;

export function rationalCubicInterpolation(
  x: number,
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  r: number,
): number {
  const h = xR - xL;
  if (Math.abs(h) <= 0) return 0.5 * (yL + yR);
  // r should be greater than −1; no assertion so that NaN propagates as it should.
  const t = (x - xL) / h;
  if (!(r >= MAXIMUM_CONTROL_PARAMETER)) {
    const omt = 1 - t;
    const t2 = t * t;
    const omt2 = omt * omt;
    // Formula (2.4) divided by formula (2.5)
    return (yR * t2 * t + (r * yR - h * dR) * t2 * omt + (r * yL + h * dL) * t * omt2 + yL * omt2 * omt) / (1 + (r - 3) * t * omt);
  }
  // Linear interpolation without over- or underflow.
  return yR * t + yL * (1 - t);
}

function controlParameterToFitSecondDerivativeAtLeftSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeL: number,
): number {
  const h = xR - xL;
  const numerator = 0.5 * h * secondDerivativeL + (dR - dL);
  if (isZero(numerator)) return 0;
  const denominator = (yR - yL) / h - dL;
  if (isZero(denominator)) return numerator > 0 ? MAXIMUM_CONTROL_PARAMETER : MINIMUM_CONTROL_PARAMETER;
  return numerator / denominator;
}

function controlParameterToFitSecondDerivativeAtRightSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeR: number,
): number {
  const h = xR - xL;
  const numerator = 0.5 * h * secondDerivativeR + (dR - dL);
  if (isZero(numerator)) return 0;
  const denominator = dR - (yR - yL) / h;
  if (isZero(denominator)) return numerator > 0 ? MAXIMUM_CONTROL_PARAMETER : MINIMUM_CONTROL_PARAMETER;
  return numerator / denominator;
}

function minimumControlParameter(dL: number, dR: number, s: number, preferShapePreservation: boolean): number {
  const monotonic = dL * s >= 0 && dR * s >= 0;
  const convex = dL <= s && s <= dR;
  const concave = dL >= s && s >= dR;
  if (!monotonic && !convex && !concave) return MINIMUM_CONTROL_PARAMETER; // revert to a standard cubic
  const dRMinusDL = dR - dL;
  const dRMinusS = dR - s;
  const sMinusDL = s - dL;
  let r1 = -DBL_MAX;
  let r2 = r1;
  // If monotonicity on this interval is possible, set r1 to satisfy the monotonicity condition (3.8).
  if (monotonic) {
    if (!isZero(s)) r1 = (dR + dL) / s;
    else if (preferShapePreservation) r1 = MAXIMUM_CONTROL_PARAMETER; // enforces linear interpolation
  }
  if (convex || concave) {
    if (!(isZero(sMinusDL) || isZero(dRMinusS))) {
      r2 = Math.max(Math.abs(dRMinusDL / dRMinusS), Math.abs(dRMinusDL / sMinusDL)); // (3.18)
    } else if (preferShapePreservation) {
      r2 = MAXIMUM_CONTROL_PARAMETER;
    }
  } else if (monotonic && preferShapePreservation) {
    // Linear along segments inconsistent with the boundary slopes, e.g. flat with negative end slopes.
    r2 = MAXIMUM_CONTROL_PARAMETER;
  }
  return Math.max(MINIMUM_CONTROL_PARAMETER, Math.max(r1, r2));
}

export function convexControlParameterToFitSecondDerivativeAtLeftSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeL: number,
  preferShapePreservation: boolean,
): number {
  const r = controlParameterToFitSecondDerivativeAtLeftSide(xL, xR, yL, yR, dL, dR, secondDerivativeL);
  const rMin = minimumControlParameter(dL, dR, (yR - yL) / (xR - xL), preferShapePreservation);
  return Math.max(r, rMin);
}

export function convexControlParameterToFitSecondDerivativeAtRightSide(
  xL: number,
  xR: number,
  yL: number,
  yR: number,
  dL: number,
  dR: number,
  secondDerivativeR: number,
  preferShapePreservation: boolean,
): number {
  const r = controlParameterToFitSecondDerivativeAtRightSide(xL, xR, yL, yR, dL, dR, secondDerivativeR);
  const rMin = minimumControlParameter(dL, dR, (yR - yL) / (xR - xL), preferShapePreservation);
  return Math.max(r, rMin);
}
