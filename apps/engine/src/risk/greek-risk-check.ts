import type { AccountId, Instrument, Side } from '@strikedesk/domain';
import type { UnitGreeks } from '../analytics/instrument-greeks.ts';
import type { WorkingTotals } from '../orders/trading-state.ts';
import type { Denial } from './account-risk-check.ts';
import type { GreekLimitBook } from './greek-limit-book.ts';

/**
 * An order's effect on the account's exposure: `quantity` units would be added on `side`, replacing
 * `workingQuantity` units of the same order already counted (a modify); both 0-based for a new order.
 * `orderId` names the order being modified, so it is not counted a second time among the working ones.
 */
export type GreekRiskRequest = { accountId: AccountId; instrument: Instrument; side: Side; quantity: number; workingQuantity: number; orderId?: string };

export type GreekRiskDeps = {
  limits: GreekLimitBook;
  netExposure(accountId: AccountId, underlying: string): { deltaLots: number; vegaRupees: number };
  unitGreeks(instrument: Instrument): UnitGreeks | null;
  /** Unfilled quantity of the account's working and in-flight orders per instrument (every non-terminal one). */
  workingTotals(accountId: AccountId): ReadonlyMap<string, WorkingTotals>;
  instrument(instrumentId: string): Instrument | undefined;
};

const round = (value: number, digits: number): string => String(Number(value.toFixed(digits)));
const plural = (value: number): string => (Math.abs(value) === 1 ? 'lot' : 'lots');
const rupees = (value: number): string => `₹${Math.round(value).toLocaleString('en-IN')}`;

/** Σ of the working orders' contributions that push one Greek up (≥ 0) and down (≤ 0). */
type Adverse = { up: number; down: number };

/** Adds one side's signed working quantity of an instrument to the Greeks it pushes up or down. */
function addAdverse(delta: Adverse, vega: Adverse, quantity: number, unit: UnitGreeks, lotSize: number): void {
  if (quantity === 0) return;
  const deltaLots = (quantity * unit.greeks.delta) / lotSize;
  const vegaRupees = (quantity * unit.greeks.vega) / 100;
  if (deltaLots > 0) delta.up += deltaLots;
  else delta.down += deltaLots;
  if (vegaRupees > 0) vega.up += vegaRupees;
  else vega.down += vegaRupees;
}

/**
 * The worst exposure `base` can reach if any subset of the other working orders fills: all of the
 * ones pushing the same way as the farther side. Signed, so a denial message shows the direction.
 */
function worst(base: number, adverse: Adverse): number {
  const high = base + adverse.up;
  const low = base + adverse.down;
  return Math.abs(high) >= Math.abs(low) ? high : low;
}

/**
 * Pre-trade limits on net delta (lots) and net vega (₹/vol point) per underlying, at today's
 * Greeks (a LIMIT order's per-unit Greeks are the current market's: its quantity is what matters).
 *
 * Why working orders count: positions alone let orders sent at the same time (or resting orders)
 * pass together a limit each passes alone — four parallel 1-lot buys under a 1.5-lot limit all
 * filled. The rule: exposure = positions + this order + the unfilled quantity of the account's
 * other working and in-flight orders on the underlying, where each of those is counted only when
 * it moves the exposure away from zero. Concretely, per Greek, the other orders' contributions are
 * split into those pushing up and those pushing down, and "before" and "after" are each the worse
 * (larger |x|) of positions (+ this order) + all up-pushers and + all down-pushers — the worst case
 * over whichever of them fill or get cancelled. An order reducing exposure never gets counted
 * against the account. Submits of one account are serialised by the OMS's per-account mutex and an
 * accepted order is journaled (SUBMITTED) before the next one is checked, so each check sees the
 * earlier ones. An order is denied when |after| exceeds the limit AND |after| > |before|: an order
 * that reduces the absolute exposure always passes, so a trader over the limit can still get out.
 */
export function checkGreekLimits(request: GreekRiskRequest, deps: GreekRiskDeps): Denial | null {
  const { accountId, instrument } = request;
  const limit = deps.limits.get(accountId, instrument.underlying);
  if (!limit) return null;
  const unit = deps.unitGreeks(instrument);
  if (!unit) return null; // no market: the order was already refused for NO_MARKET_PRICE
  const sign = request.side === 'BUY' ? 1 : -1;
  const positions = deps.netExposure(accountId, instrument.underlying);
  const delta: Adverse = { up: 0, down: 0 };
  const vega: Adverse = { up: 0, down: 0 };
  for (const [instrumentId, totals] of deps.workingTotals(accountId)) {
    if (totals.buy === 0 && totals.sell === 0) continue; // an instrument only held, or no longer worked
    const other = instrumentId === instrument.id ? instrument : deps.instrument(instrumentId);
    if (!other || other.underlying !== instrument.underlying) continue;
    const otherUnit = other === instrument ? unit : deps.unitGreeks(other);
    if (!otherUnit) continue;
    // A modify replaces the order's own working quantity, which is among these totals: take it out.
    const own = request.orderId !== undefined && instrumentId === instrument.id ? request.workingQuantity : 0;
    addAdverse(delta, vega, totals.buy - (request.side === 'BUY' ? own : 0), otherUnit, other.lotSize);
    addAdverse(delta, vega, -(totals.sell - (request.side === 'SELL' ? own : 0)), otherUnit, other.lotSize);
  }
  const perUnitDeltaLots = (sign * unit.greeks.delta) / instrument.lotSize;
  const perUnitVega = (sign * unit.greeks.vega) / 100;
  const deltaBefore = worst(positions.deltaLots + request.workingQuantity * perUnitDeltaLots, delta);
  const deltaAfter = worst(positions.deltaLots + request.quantity * perUnitDeltaLots, delta);
  if (limit.maxAbsDeltaLots !== null && Math.abs(deltaAfter) > limit.maxAbsDeltaLots && Math.abs(deltaAfter) > Math.abs(deltaBefore)) {
    return {
      code: 'RISK_DELTA_LIMIT',
      message: `Net delta would be ${round(deltaAfter, 2)} ${plural(deltaAfter)}; your ${instrument.underlying} limit is ${round(limit.maxAbsDeltaLots, 2)} ${plural(limit.maxAbsDeltaLots)}.`,
    };
  }
  const vegaBefore = worst(positions.vegaRupees + request.workingQuantity * perUnitVega, vega);
  const vegaAfter = worst(positions.vegaRupees + request.quantity * perUnitVega, vega);
  if (limit.maxAbsVegaRupees !== null && Math.abs(vegaAfter) > limit.maxAbsVegaRupees && Math.abs(vegaAfter) > Math.abs(vegaBefore)) {
    return {
      code: 'RISK_VEGA_LIMIT',
      message: `Net vega would be ${rupees(vegaAfter)} per vol point; your ${instrument.underlying} limit is ${rupees(limit.maxAbsVegaRupees)}.`,
    };
  }
  return null;
}

/** The Greek-limit check as the engine wires it: limits, today's Greeks, the account's working orders. */
export function greekRiskCheck(deps: {
  limits: GreekLimitBook;
  greeks: { netExposure(accountId: AccountId, underlying: string): { deltaLots: number; vegaRupees: number }; unitGreeks(instrument: Instrument): UnitGreeks | null };
  instrument(instrumentId: string): Instrument | undefined;
  workingTotals(accountId: AccountId): ReadonlyMap<string, WorkingTotals>;
}): (request: GreekRiskRequest) => Denial | null {
  const { limits, greeks, instrument, workingTotals } = deps;
  // Built once: this runs for every order, and closures made per call were a measurable share of it.
  const view = {
    limits,
    netExposure: (accountId: AccountId, underlying: string) => greeks.netExposure(accountId, underlying),
    unitGreeks: (candidate: Instrument) => greeks.unitGreeks(candidate),
    instrument,
    workingTotals,
  };
  return (request) => checkGreekLimits(request, view);
}
