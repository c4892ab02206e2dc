import type { AccountId, Instrument, Side } from '@strikedesk/domain';
import type { UnitGreeks } from '../analytics/instrument-greeks.ts';
import type { Denial } from '../orders/pre-trade-check.ts';
import type { GreekLimitBook } from './greek-limit-book.ts';

/**
 * An order's effect on the account's exposure: `quantity` units would be added on `side`, replacing
 * `workingQuantity` units of the same order already counted (a modify); both 0-based for a new order.
 */
export type GreekRiskRequest = { accountId: AccountId; instrument: Instrument; side: Side; quantity: number; workingQuantity: number };

export type GreekRiskDeps = {
  limits: GreekLimitBook;
  netExposure(accountId: AccountId, underlying: string): { deltaLots: number; vegaRupees: number };
  unitGreeks(instrument: Instrument): UnitGreeks | null;
};

const round = (value: number, digits: number): string => String(Number(value.toFixed(digits)));
const plural = (value: number): string => (Math.abs(value) === 1 ? 'lot' : 'lots');
const rupees = (value: number): string => `₹${Math.round(value).toLocaleString('en-IN')}`;

/**
 * Pre-trade limits on net delta (lots) and net vega (₹/vol point) per underlying. Exposure is the
 * account's positions plus this order, as if it filled now at today's Greeks (a LIMIT order's
 * per-unit Greeks are the current market's: its quantity is what matters). Other working orders are
 * not counted. An order is denied when |after| exceeds the limit AND |after| > |before|: an order
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
  const perUnitDeltaLots = (sign * unit.greeks.delta) / instrument.lotSize;
  const perUnitVega = (sign * unit.greeks.vega) / 100;
  const deltaBefore = positions.deltaLots + request.workingQuantity * perUnitDeltaLots;
  const deltaAfter = positions.deltaLots + request.quantity * perUnitDeltaLots;
  if (limit.maxAbsDeltaLots !== null && Math.abs(deltaAfter) > limit.maxAbsDeltaLots && Math.abs(deltaAfter) > Math.abs(deltaBefore)) {
    return {
      code: 'RISK_DELTA_LIMIT',
      message: `Net delta would be ${round(deltaAfter, 2)} ${plural(deltaAfter)}; your ${instrument.underlying} limit is ${round(limit.maxAbsDeltaLots, 2)} ${plural(limit.maxAbsDeltaLots)}.`,
    };
  }
  const vegaBefore = positions.vegaRupees + request.workingQuantity * perUnitVega;
  const vegaAfter = positions.vegaRupees + request.quantity * perUnitVega;
  if (limit.maxAbsVegaRupees !== null && Math.abs(vegaAfter) > limit.maxAbsVegaRupees && Math.abs(vegaAfter) > Math.abs(vegaBefore)) {
    return {
      code: 'RISK_VEGA_LIMIT',
      message: `Net vega would be ${rupees(vegaAfter)} per vol point; your ${instrument.underlying} limit is ${rupees(limit.maxAbsVegaRupees)}.`,
    };
  }
  return null;
}
