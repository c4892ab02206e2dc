import {
  CreateStrategyInputSchema,
  StrategyConfigSchema,
  templateMismatch,
  TRADINGVIEW_WEBHOOK_IPS,
  type Product,
  type StrategyConfig,
  type StrategyTarget,
  type StrategyTemplate,
} from '@strikedesk/domain';
import { fieldOfPath } from './strategy-form-paths.ts';
import { ALL_WEEKDAYS } from './strategy-schedule.ts';
import { isPortfolioTemplate } from './strategy-templates.ts';

/** The configuration as the form edits it: text as typed, parsed only on save. */
export type StrategyFormValues = {
  /** The instrument template's target; a portfolio template's target is `portfolioId`. */
  targetKind: Exclude<StrategyTarget['kind'], 'PORTFOLIO'>;
  underlying: string;
  nth: '1' | '2' | '3';
  /** '' until an instrument is picked. */
  instrumentId: string;
  /** The picked instrument's display name, for the form only (the config keeps the id). */
  instrumentLabel: string;
  /** '' until a portfolio is picked (portfolio templates). */
  portfolioId: string;
  /** HH:MM IST (scheduled template). */
  scheduleTime: string;
  /** 1 = Monday … 5 = Friday, in week order (scheduled template). */
  scheduleWeekdays: readonly number[];
  product: Product;
  contractsAre: StrategyConfig['contractsAre'];
  defaultLots: string;
  sizing: StrategyConfig['sizing'];
  orderType: StrategyConfig['orderType'];
  limitBufferPercent: string;
  maxSignalsPerMinute: string;
  maxSignalsPerDay: string;
  maxDelaySeconds: string;
  windowStart: string;
  windowEnd: string;
  /** Comma-separated addresses; empty = any. */
  allowedIps: string;
  /** Comma-separated `TICKER=EXCHANGE:SYMBOL` pairs. */
  tickerAliases: string;
  maxLotsPerOrder: string;
  maxPositionLots: string;
};

export type StrategyFormField = keyof StrategyFormValues;
export type StrategyFormErrors = Partial<Record<StrategyFormField, string>>;
export type StrategyFormResult = { ok: true; value: StrategyConfig } | { ok: false; errors: StrategyFormErrors };

export const NTH_VALUES = ['1', '2', '3'] as const;

/** What a new strategy starts from: the schema's defaults on the NIFTY near-month future. */
export const NEW_STRATEGY_CONFIG: StrategyConfig = StrategyConfigSchema.parse({ target: { kind: 'CONTINUOUS_FUTURE', underlying: 'NIFTY', nth: 1 } });

/** A new scheduled strategy's time: the classic 9:20 entry, five minutes after the open. */
export const NEW_SCHEDULE_TIME = '09:20';

export const TRADINGVIEW_IPS_TEXT = TRADINGVIEW_WEBHOOK_IPS.join(', ');

const splitList = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** True when the allowed addresses are exactly TradingView's (in any order). */
export function onlyTradingViewIps(allowedIps: string): boolean {
  const ips = new Set(splitList(allowedIps));
  return ips.size === TRADINGVIEW_WEBHOOK_IPS.length && TRADINGVIEW_WEBHOOK_IPS.every((ip) => ips.has(ip));
}

export function toStrategyForm(config: StrategyConfig, instrumentLabel = ''): StrategyFormValues {
  const { target, guards, risk } = config;
  return {
    targetKind: target.kind === 'INSTRUMENT' ? 'INSTRUMENT' : 'CONTINUOUS_FUTURE',
    underlying: target.kind === 'CONTINUOUS_FUTURE' ? target.underlying : 'NIFTY',
    nth: target.kind === 'CONTINUOUS_FUTURE' ? (String(target.nth) as StrategyFormValues['nth']) : '1',
    instrumentId: target.kind === 'INSTRUMENT' ? target.instrumentId : '',
    instrumentLabel: target.kind === 'INSTRUMENT' ? instrumentLabel || target.instrumentId : '',
    portfolioId: target.kind === 'PORTFOLIO' ? target.portfolioId : '',
    scheduleTime: config.schedule?.time ?? NEW_SCHEDULE_TIME,
    scheduleWeekdays: config.schedule?.weekdays ?? ALL_WEEKDAYS,
    product: config.product,
    contractsAre: config.contractsAre,
    defaultLots: String(config.defaultLots),
    sizing: config.sizing,
    orderType: config.orderType,
    limitBufferPercent: String(config.limitBufferPercent),
    maxSignalsPerMinute: String(guards.maxSignalsPerMinute),
    maxSignalsPerDay: String(guards.maxSignalsPerDay),
    maxDelaySeconds: String(guards.maxDelaySeconds),
    windowStart: guards.window.start,
    windowEnd: guards.window.end,
    allowedIps: guards.allowedIps.join(', '),
    tickerAliases: Object.entries(config.tickerAliases)
      .map(([ticker, instrumentId]) => `${ticker}=${instrumentId}`)
      .join(', '),
    maxLotsPerOrder: String(risk.maxLotsPerOrder),
    maxPositionLots: String(risk.maxPositionLots),
  };
}

const GUARD_NUMBER_FIELDS = ['maxSignalsPerMinute', 'maxSignalsPerDay', 'maxDelaySeconds'] as const;
const INSTRUMENT_NUMBER_FIELDS = ['defaultLots', 'maxLotsPerOrder', 'maxPositionLots'] as const;
type WholeNumberField = (typeof GUARD_NUMBER_FIELDS)[number] | (typeof INSTRUMENT_NUMBER_FIELDS)[number];

/** `NIFTY1!=NFO:NIFTY26DECFUT, BANKNIFTY1!=…` → a record, or null when a pair is not `TICKER=ID`. */
function parseAliases(text: string): Record<string, string> | null {
  const aliases: Record<string, string> = {};
  for (const pair of text.split(',').map((item) => item.trim()).filter((item) => item !== '')) {
    const equals = pair.indexOf('=');
    if (equals <= 0 || equals === pair.length - 1) return null;
    aliases[pair.slice(0, equals).trim()] = pair.slice(equals + 1).trim();
  }
  return aliases;
}

/**
 * The settings only an instrument strategy uses (target, order sizing and type, aliases, lot limits).
 * A portfolio's own legs and settings decide its orders, so a portfolio strategy keeps the schema's
 * defaults for them: hidden fields never block a save.
 */
function instrumentSettings(form: StrategyFormValues, whole: Partial<Record<WholeNumberField, number>>, errors: StrategyFormErrors) {
  // A percentage, not money: a plain number is exact enough and the engine converts it to basis points.
  const buffer = form.limitBufferPercent.trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(buffer)) errors.limitBufferPercent = 'A percentage such as 0.5.';
  if (form.targetKind === 'INSTRUMENT' && form.instrumentId === '') errors.instrumentId = 'Choose an instrument.';
  const aliases = parseAliases(form.tickerAliases);
  if (aliases === null) errors.tickerAliases = 'Write aliases as TICKER=EXCHANGE:SYMBOL, separated by commas.';
  return {
    target:
      form.targetKind === 'INSTRUMENT'
        ? { kind: 'INSTRUMENT', instrumentId: form.instrumentId }
        : { kind: 'CONTINUOUS_FUTURE', underlying: form.underlying.trim().toUpperCase(), nth: Number(form.nth) },
    product: form.product,
    contractsAre: form.contractsAre,
    defaultLots: whole.defaultLots,
    sizing: form.sizing,
    orderType: form.orderType,
    limitBufferPercent: Number(buffer),
    tickerAliases: aliases,
    risk: { maxLotsPerOrder: whole.maxLotsPerOrder, maxPositionLots: whole.maxPositionLots },
    schedule: null,
  };
}

function portfolioSettings(form: StrategyFormValues, template: StrategyTemplate, errors: StrategyFormErrors) {
  if (form.portfolioId === '') errors.portfolioId = 'Choose the portfolio this strategy runs.';
  // The schema checks the hours and minutes; this says what shape to type, in words.
  if (template === 'SCHEDULED_PORTFOLIO' && !/^\d{2}:\d{2}$/.test(form.scheduleTime.trim())) errors.scheduleTime = 'A time such as 09:20 (24-hour, IST).';
  return {
    target: { kind: 'PORTFOLIO', portfolioId: form.portfolioId },
    schedule: template === 'SCHEDULED_PORTFOLIO' ? { time: form.scheduleTime.trim(), weekdays: [...form.scheduleWeekdays] } : null,
  };
}

/**
 * The configuration the form describes for a strategy of `template`, or a message per wrong field
 * (only fields the template shows); the domain schema has the last word.
 */
export function buildStrategyConfig(form: StrategyFormValues, template: StrategyTemplate = 'TV_INSTRUMENT'): StrategyFormResult {
  const errors: StrategyFormErrors = {};
  const portfolio = isPortfolioTemplate(template);
  const whole: Partial<Record<WholeNumberField, number>> = {};
  for (const field of portfolio ? GUARD_NUMBER_FIELDS : [...GUARD_NUMBER_FIELDS, ...INSTRUMENT_NUMBER_FIELDS]) {
    const digits = form[field].trim().replaceAll(',', '');
    if (/^\d{1,9}$/.test(digits)) whole[field] = Number(digits);
    else errors[field] = 'A whole number.';
  }
  const settings = portfolio ? portfolioSettings(form, template, errors) : instrumentSettings(form, whole, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const candidate = {
    ...settings,
    guards: {
      maxSignalsPerMinute: whole.maxSignalsPerMinute,
      maxSignalsPerDay: whole.maxSignalsPerDay,
      maxDelaySeconds: whole.maxDelaySeconds,
      window: { start: form.windowStart.trim(), end: form.windowEnd.trim() },
      allowedIps: splitList(form.allowedIps),
    },
  };
  const parsed = StrategyConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path) ?? (portfolio ? 'portfolioId' : 'underlying');
      // An address that is neither IPv4 nor IPv6 fails a union, whose own message names neither.
      const message = field === 'allowedIps' && typeof issue.path[2] === 'number' ? `Not an IP address: ${candidate.guards.allowedIps[issue.path[2]] ?? ''}.` : issue.message;
      errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
    }
    return { ok: false, errors };
  }
  // The gateway refuses a configuration that does not fit the template: say so before asking it.
  const mismatch = templateMismatch(template, parsed.data);
  if (mismatch) return { ok: false, errors: { [portfolio ? 'portfolioId' : 'underlying']: mismatch } };
  return { ok: true, value: parsed.data };
}

/** Why a passphrase cannot be used (the domain's rule: 8 to 200 characters), or null. */
export function passphraseProblem(passphrase: string): string | null {
  const checked = CreateStrategyInputSchema.shape.passphrase.safeParse(passphrase);
  return checked.success ? null : checked.error.issues.map((issue) => issue.message).join(' ');
}
