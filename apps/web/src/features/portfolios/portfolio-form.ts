import {
  PortfolioDefinitionSchema,
  type EntryCondition,
  type EntryRule,
  type ExecutionSettings,
  type ExpiryChoice,
  type HedgeSettings,
  type Monitoring,
  type MtmThreshold,
  type PortfolioDefinition,
  type Product,
} from '@strikedesk/domain';
import { FormReader, rupeesInput, type FieldErrors } from './form-reader.ts';
import { addIssues } from './issue-fields.ts';
import { legCandidate, parseLeg, toLegForm, type LegFormValues } from './leg-form.ts';
import type { ResolvableLegs } from './leg-resolution.ts';

type RangeRule = Extract<EntryRule, { kind: 'RANGE_BREAKOUT' }>;
export type MtmForm = { unit: 'NONE' | MtmThreshold['unit']; value: string };
export type ConditionForm = { kind: EntryCondition['kind']; level: string };

/**
 * The whole definition as the builder edits it: numbers and money as typed text, every optional
 * part present (a switch says whether it applies), so switching a choice back and forth keeps
 * what was typed. Paths mirror the definition's, so a schema issue's path names its field.
 */
export type PortfolioFormValues = {
  settings: { name: string; underlying: string; expiry: ExpiryChoice; product: Product; lotMultiplier: string; strategyTag: string };
  legs: LegFormValues[];
  execution: {
    legOrder: ExecutionSettings['legOrder'];
    orderType: ExecutionSettings['orderType'];
    marketProtectionPercent: string;
    limitBufferPercent: string;
    repriceAfterSeconds: string;
    maxReprices: string;
    maxRetries: string;
    onLegFailure: ExecutionSettings['onLegFailure'];
    stopLossAtBroker: boolean;
  };
  entry: {
    rule: EntryRule['kind'];
    time: string;
    source: RangeRule['source'];
    windowStart: string;
    windowEnd: string;
    direction: RangeRule['direction'];
    conditions: ConditionForm[];
  };
  exit: { target: MtmForm; stopLoss: MtmForm; trailing: boolean; lockProfitAt: string; trailBy: string; exitAt: string; maxReentries: string };
  monitoring: { mode: Monitoring['mode']; everySeconds: string; candleMinutes: string };
  hedge: { enabled: boolean; deltaBand: string; instrument: HedgeSettings['instrument']; maxHedges: string };
};

export type PortfolioFormResult = { ok: true; value: PortfolioDefinition } | { ok: false; errors: FieldErrors };

/** The schema's defaults for everything but the name and legs (what a new portfolio starts from). */
const DEFAULTS = PortfolioDefinitionSchema.parse({
  settings: { name: 'new', underlying: 'NIFTY', expiry: 'CURRENT_WEEK', product: 'MIS' },
  legs: [{ id: 'L1', side: 'SELL', kind: 'CE', strike: { mode: 'ATM_OFFSET', steps: 0 }, lots: 1 }],
});
const DEFAULT_RANGE: Omit<RangeRule, 'kind'> = { source: 'UNDERLYING', windowStart: '09:15', windowEnd: '09:30', direction: 'EITHER' };
const DEFAULT_HEDGE = { deltaBand: '50', instrument: 'FUTURE', maxHedges: '10' } as const;

const mtmForm = (threshold: MtmThreshold | null): MtmForm =>
  threshold === null
    ? { unit: 'NONE', value: '' }
    : { unit: threshold.unit, value: threshold.unit === 'RUPEES' ? rupeesInput(threshold.amount) : String(threshold.percent) };

export function toPortfolioForm(definition: PortfolioDefinition): PortfolioFormValues {
  const { settings, execution, entry, exit, monitoring, hedge } = definition;
  const rule = entry.rule;
  const range = rule.kind === 'RANGE_BREAKOUT' ? rule : DEFAULT_RANGE;
  return {
    settings: { ...settings, lotMultiplier: String(settings.lotMultiplier) },
    legs: definition.legs.map(toLegForm),
    execution: {
      ...execution,
      marketProtectionPercent: String(execution.marketProtectionPercent),
      limitBufferPercent: String(execution.limitBufferPercent),
      repriceAfterSeconds: String(execution.repriceAfterSeconds),
      maxReprices: String(execution.maxReprices),
      maxRetries: String(execution.maxRetries),
    },
    entry: {
      rule: rule.kind,
      time: rule.kind === 'AT_TIME' ? rule.time : '09:20',
      source: range.source,
      windowStart: range.windowStart,
      windowEnd: range.windowEnd,
      direction: range.direction,
      conditions: entry.conditions.map((condition) => ({ kind: condition.kind, level: rupeesInput(condition.level) })),
    },
    exit: {
      target: mtmForm(exit.target),
      stopLoss: mtmForm(exit.stopLoss),
      trailing: exit.trailing !== null,
      lockProfitAt: exit.trailing ? rupeesInput(exit.trailing.lockProfitAt) : '',
      trailBy: exit.trailing ? rupeesInput(exit.trailing.trailBy) : '',
      exitAt: exit.exitAt ?? '',
      maxReentries: String(exit.maxReentries),
    },
    monitoring: { mode: monitoring.mode, everySeconds: String(monitoring.everySeconds), candleMinutes: String(monitoring.candleMinutes) },
    hedge: hedge
      ? { enabled: true, deltaBand: String(hedge.deltaBand), instrument: hedge.instrument, maxHedges: String(hedge.maxHedges) }
      : { enabled: false, ...DEFAULT_HEDGE },
  };
}

/** A new portfolio: NIFTY, current week, MIS, no legs yet (a template or "Add leg" adds them). */
export const newPortfolioForm = (): PortfolioFormValues => {
  const form = toPortfolioForm(DEFAULTS);
  return { ...form, settings: { ...form.settings, name: '' }, legs: [] };
};

function mtmCandidate(read: FormReader, key: string, form: MtmForm): MtmThreshold | null {
  if (form.unit === 'NONE') return null;
  return form.unit === 'RUPEES' ? { unit: 'RUPEES', amount: read.rupees(key, form.value) } : { unit: 'PERCENT_OF_PREMIUM', percent: read.decimal(key, form.value) };
}

function entryRuleCandidate(entry: PortfolioFormValues['entry']): EntryRule {
  switch (entry.rule) {
    case 'IMMEDIATE':
      return { kind: 'IMMEDIATE' };
    case 'AT_TIME':
      return { kind: 'AT_TIME', time: entry.time.trim() };
    case 'RANGE_BREAKOUT':
      return { kind: 'RANGE_BREAKOUT', source: entry.source, windowStart: entry.windowStart.trim(), windowEnd: entry.windowEnd.trim(), direction: entry.direction };
  }
}

/**
 * The definition the form describes, or a message per wrong field; the domain schema has the last
 * word on ranges. Settings that do not apply (a limit buffer under MARKET, a candle length when
 * checking every tick) are left to the schema's defaults rather than validated unseen.
 */
export function buildPortfolioDefinition(form: PortfolioFormValues): PortfolioFormResult {
  const read = new FormReader();
  const { settings, execution, entry, exit, monitoring, hedge } = form;
  const candidate = {
    settings: { ...settings, lotMultiplier: read.whole('settings.lotMultiplier', settings.lotMultiplier) },
    legs: form.legs.map((leg, index) => legCandidate(read, leg, index)),
    execution: {
      legOrder: execution.legOrder,
      orderType: execution.orderType,
      onLegFailure: execution.onLegFailure,
      stopLossAtBroker: execution.stopLossAtBroker,
      maxRetries: read.whole('execution.maxRetries', execution.maxRetries),
      ...(execution.orderType === 'MARKET'
        ? { marketProtectionPercent: read.decimal('execution.marketProtectionPercent', execution.marketProtectionPercent) }
        : {
            limitBufferPercent: read.decimal('execution.limitBufferPercent', execution.limitBufferPercent),
            repriceAfterSeconds: read.whole('execution.repriceAfterSeconds', execution.repriceAfterSeconds),
            maxReprices: read.whole('execution.maxReprices', execution.maxReprices),
          }),
    },
    entry: {
      rule: entryRuleCandidate(entry),
      conditions: entry.conditions.map((condition, index) => ({ kind: condition.kind, level: read.rupees(`entry.conditions.${index}`, condition.level) })),
    },
    exit: {
      target: mtmCandidate(read, 'exit.target', exit.target),
      stopLoss: mtmCandidate(read, 'exit.stopLoss', exit.stopLoss),
      trailing: exit.trailing
        ? { lockProfitAt: read.rupees('exit.trailing.lockProfitAt', exit.lockProfitAt), trailBy: read.rupees('exit.trailing.trailBy', exit.trailBy) }
        : null,
      exitAt: exit.exitAt.trim() === '' ? null : exit.exitAt.trim(),
      maxReentries: read.whole('exit.maxReentries', exit.maxReentries),
    },
    monitoring: {
      mode: monitoring.mode,
      ...(monitoring.mode === 'INTERVAL' ? { everySeconds: read.whole('monitoring.everySeconds', monitoring.everySeconds) } : {}),
      ...(monitoring.mode === 'CANDLE_CLOSE' ? { candleMinutes: read.whole('monitoring.candleMinutes', monitoring.candleMinutes) } : {}),
    },
    hedge: hedge.enabled
      ? { deltaBand: read.decimal('hedge.deltaBand', hedge.deltaBand), instrument: hedge.instrument, maxHedges: read.whole('hedge.maxHedges', hedge.maxHedges) }
      : null,
  };
  const parsed = PortfolioDefinitionSchema.safeParse(candidate);
  const errors = read.errors;
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, value: parsed.data };
  if (!parsed.success) addIssues(errors, parsed.error.issues);
  return { ok: false, errors };
}

/**
 * What the legs table and the payoff resolve while the trader types: every leg valid on its own
 * (null where it is not yet), on the settings as far as they parse (a half-typed multiplier counts as 1).
 */
export function resolvableLegsOf(form: PortfolioFormValues): ResolvableLegs {
  const multiplier = Number(form.settings.lotMultiplier.trim());
  return {
    settings: {
      underlying: form.settings.underlying,
      expiry: form.settings.expiry,
      lotMultiplier: Number.isInteger(multiplier) && multiplier >= 1 && multiplier <= 50 ? multiplier : 1,
    },
    legs: form.legs.map(parseLeg),
  };
}
