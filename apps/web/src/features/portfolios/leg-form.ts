import {
  PortfolioLegSchema,
  type ExpiryChoice,
  type LegKind,
  type LegThreshold,
  type PortfolioLeg,
  type Side,
  type StrikeSelector,
  type StrikeSelectorMode,
} from '@strikedesk/domain';
import { FormReader, rupeesInput } from './form-reader.ts';

export type ThresholdUnit = 'NONE' | LegThreshold['unit'];
export type ThresholdForm = { unit: ThresholdUnit; value: string };

/** One leg as the builder edits it: text as typed, parsed when the definition is built. */
export type LegFormValues = {
  /** The leg's id: the engine's name for it in the journal; also its React key. Not edited. */
  id: string;
  side: Side;
  kind: LegKind;
  strikeMode: StrikeSelectorMode;
  /** Steps, rupees, delta or percent, as `strikeMode` says. */
  strikeValue: string;
  /** 'PORTFOLIO': the portfolio's expiry. */
  expiry: ExpiryChoice | 'PORTFOLIO';
  lots: string;
  target: ThresholdForm;
  stopLoss: ThresholdForm;
  /** Every `every` of favourable move, move the stop by `by`, both in `unit`. */
  trailing: { unit: ThresholdUnit; every: string; by: string };
  stopToCostAt: ThresholdForm;
  /** 'PORTFOLIO': the portfolio's order type (Execution). */
  orderType: 'PORTFOLIO' | 'MARKET' | 'LIMIT';
};

/** What a strike value starts as when the trader switches to a mode (so it never shows a delta as steps). */
export const STRIKE_MODE_DEFAULTS: Readonly<Record<StrikeSelectorMode, string>> = {
  ATM_OFFSET: '0',
  PREMIUM_CLOSEST: '100',
  DELTA_CLOSEST: '0.3',
  OTM_PERCENT: '1',
  EXACT: '',
};

const NO_THRESHOLD: ThresholdForm = { unit: 'NONE', value: '' };

function strikeValueOf(selector: StrikeSelector): string {
  switch (selector.mode) {
    case 'ATM_OFFSET':
      return String(selector.steps);
    case 'PREMIUM_CLOSEST':
      return rupeesInput(selector.premium);
    case 'DELTA_CLOSEST':
      return String(selector.delta);
    case 'OTM_PERCENT':
      return String(selector.percent);
    case 'EXACT':
      return rupeesInput(selector.strike);
  }
}

const thresholdValue = (threshold: LegThreshold): string => (threshold.unit === 'POINTS' ? rupeesInput(threshold.points) : String(threshold.percent));
const toThresholdForm = (threshold: LegThreshold | null): ThresholdForm =>
  threshold ? { unit: threshold.unit, value: thresholdValue(threshold) } : NO_THRESHOLD;

export function toLegForm(leg: PortfolioLeg): LegFormValues {
  return {
    id: leg.id,
    side: leg.side,
    kind: leg.kind,
    strikeMode: leg.strike.mode,
    strikeValue: strikeValueOf(leg.strike),
    expiry: leg.expiry ?? 'PORTFOLIO',
    lots: String(leg.lots),
    target: toThresholdForm(leg.target),
    stopLoss: toThresholdForm(leg.stopLoss),
    // The builder trails in one unit; a trailing set through the API in two keeps its `every` unit.
    trailing: leg.trailing ? { unit: leg.trailing.every.unit, every: thresholdValue(leg.trailing.every), by: thresholdValue(leg.trailing.by) } : { unit: 'NONE', every: '', by: '' },
    stopToCostAt: toThresholdForm(leg.stopToCostAt),
    orderType: leg.orderType ?? 'PORTFOLIO',
  };
}

/** The first free id of the form L1, L2, … */
export function nextLegId(legs: readonly Pick<LegFormValues, 'id'>[]): string {
  const used = new Set(legs.map((leg) => leg.id));
  let n = 1;
  while (used.has(`L${n}`)) n += 1;
  return `L${n}`;
}

/** A fresh leg: sell the ATM call of the portfolio's expiry, one lot, no stops. */
export const newLeg = (legs: readonly Pick<LegFormValues, 'id'>[]): LegFormValues => ({
  id: nextLegId(legs),
  side: 'SELL',
  kind: 'CE',
  strikeMode: 'ATM_OFFSET',
  strikeValue: '0',
  expiry: 'PORTFOLIO',
  lots: '1',
  target: NO_THRESHOLD,
  stopLoss: NO_THRESHOLD,
  trailing: { unit: 'NONE', every: '', by: '' },
  stopToCostAt: NO_THRESHOLD,
  orderType: 'PORTFOLIO',
});

function strikeCandidate(read: FormReader, key: string, leg: LegFormValues): StrikeSelector {
  const text = leg.strikeValue;
  // FUT legs ignore the selector: any valid one will do, so a stale value cannot block a future.
  if (leg.kind === 'FUT') return { mode: 'ATM_OFFSET', steps: 0 };
  switch (leg.strikeMode) {
    case 'ATM_OFFSET':
      return { mode: 'ATM_OFFSET', steps: read.whole(key, text) };
    case 'PREMIUM_CLOSEST':
      return { mode: 'PREMIUM_CLOSEST', premium: read.rupees(key, text) };
    case 'DELTA_CLOSEST':
      return { mode: 'DELTA_CLOSEST', delta: read.decimal(key, text) };
    case 'OTM_PERCENT':
      return { mode: 'OTM_PERCENT', percent: read.decimal(key, text) };
    case 'EXACT':
      return { mode: 'EXACT', strike: read.rupees(key, text) };
  }
}

function thresholdCandidate(read: FormReader, key: string, unit: ThresholdUnit, text: string): LegThreshold | null {
  if (unit === 'NONE') return null;
  return unit === 'POINTS' ? { unit, points: read.rupees(key, text) } : { unit, percent: read.decimal(key, text) };
}

/** A leg for the schema (numbers may be NaN where the text was not a number; `read` has those messages). */
export function legCandidate(read: FormReader, leg: LegFormValues, index: number): PortfolioLeg {
  const key = (field: string) => `legs.${index}.${field}`;
  const { trailing } = leg;
  return {
    id: leg.id,
    side: leg.side,
    kind: leg.kind,
    strike: strikeCandidate(read, key('strike'), leg),
    expiry: leg.expiry === 'PORTFOLIO' ? null : leg.expiry,
    lots: read.whole(key('lots'), leg.lots),
    target: thresholdCandidate(read, key('target'), leg.target.unit, leg.target.value),
    stopLoss: thresholdCandidate(read, key('stopLoss'), leg.stopLoss.unit, leg.stopLoss.value),
    trailing:
      trailing.unit === 'NONE'
        ? null
        : {
            every: thresholdCandidate(read, key('trailing'), trailing.unit, trailing.every) as LegThreshold,
            by: thresholdCandidate(read, key('trailing'), trailing.unit, trailing.by) as LegThreshold,
          },
    stopToCostAt: thresholdCandidate(read, key('stopToCostAt'), leg.stopToCostAt.unit, leg.stopToCostAt.value),
    orderType: leg.orderType === 'PORTFOLIO' ? null : leg.orderType,
  };
}

/** The leg, if it is valid on its own: what the builder resolves against the chain while the rest of the form is still being typed. */
export function parseLeg(leg: LegFormValues): PortfolioLeg | null {
  const read = new FormReader();
  const candidate = legCandidate(read, leg, 0);
  if (Object.keys(read.errors).length > 0) return null;
  const parsed = PortfolioLegSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
