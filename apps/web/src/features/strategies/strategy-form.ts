import {
  CreateStrategyInputSchema,
  StrategyConfigSchema,
  TRADINGVIEW_WEBHOOK_IPS,
  type Product,
  type StrategyConfig,
  type StrategyTarget,
} from '@strikedesk/domain';

/** The configuration as the form edits it: text as typed, parsed only on save. */
export type StrategyFormValues = {
  targetKind: StrategyTarget['kind'];
  underlying: string;
  nth: '1' | '2' | '3';
  /** '' until an instrument is picked. */
  instrumentId: string;
  /** The picked instrument's display name, for the form only (the config keeps the id). */
  instrumentLabel: string;
  product: Product;
  contractsAre: StrategyConfig['contractsAre'];
  defaultLots: string;
  sizing: StrategyConfig['sizing'];
  orderType: StrategyConfig['orderType'];
  limitBufferPercent: string;
  maxSignalsPerMinute: string;
  maxSignalsPerDay: string;
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
    targetKind: target.kind,
    underlying: target.kind === 'CONTINUOUS_FUTURE' ? target.underlying : 'NIFTY',
    nth: target.kind === 'CONTINUOUS_FUTURE' ? (String(target.nth) as StrategyFormValues['nth']) : '1',
    instrumentId: target.kind === 'INSTRUMENT' ? target.instrumentId : '',
    instrumentLabel: target.kind === 'INSTRUMENT' ? instrumentLabel || target.instrumentId : '',
    product: config.product,
    contractsAre: config.contractsAre,
    defaultLots: String(config.defaultLots),
    sizing: config.sizing,
    orderType: config.orderType,
    limitBufferPercent: String(config.limitBufferPercent),
    maxSignalsPerMinute: String(guards.maxSignalsPerMinute),
    maxSignalsPerDay: String(guards.maxSignalsPerDay),
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

const WHOLE_NUMBER_FIELDS = ['defaultLots', 'maxSignalsPerMinute', 'maxSignalsPerDay', 'maxLotsPerOrder', 'maxPositionLots'] as const;

/** Where the schema reports a problem (its issue path) → the form field that shows it. */
function fieldOfPath(path: readonly PropertyKey[]): StrategyFormField | null {
  const [first, second, third] = path.map(String);
  if (first === 'target') return second === 'instrumentId' ? 'instrumentId' : second === 'nth' ? 'nth' : 'underlying';
  if (first === 'tickerAliases') return 'tickerAliases';
  if (first === 'guards') {
    if (second === 'window') return third === 'start' ? 'windowStart' : 'windowEnd';
    if (second === 'allowedIps') return 'allowedIps';
    if (second === 'maxSignalsPerMinute' || second === 'maxSignalsPerDay') return second;
    return null;
  }
  if (first === 'risk') return second === 'maxLotsPerOrder' || second === 'maxPositionLots' ? second : null;
  if (first === 'defaultLots' || first === 'limitBufferPercent' || first === 'product') return first;
  return null;
}

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

/** The configuration the form describes, or a message per wrong field; the domain schema has the last word. */
export function buildStrategyConfig(form: StrategyFormValues): StrategyFormResult {
  const errors: StrategyFormErrors = {};
  const whole: Partial<Record<(typeof WHOLE_NUMBER_FIELDS)[number], number>> = {};
  for (const field of WHOLE_NUMBER_FIELDS) {
    const digits = form[field].trim().replaceAll(',', '');
    if (/^\d{1,9}$/.test(digits)) whole[field] = Number(digits);
    else errors[field] = 'A whole number.';
  }
  // A percentage, not money: a plain number is exact enough and the engine converts it to basis points.
  const buffer = form.limitBufferPercent.trim();
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(buffer)) errors.limitBufferPercent = 'A percentage such as 0.5.';
  if (form.targetKind === 'INSTRUMENT' && form.instrumentId === '') errors.instrumentId = 'Choose an instrument.';
  const aliases = parseAliases(form.tickerAliases);
  if (aliases === null) errors.tickerAliases = 'Write aliases as TICKER=EXCHANGE:SYMBOL, separated by commas.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const candidate = {
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
    guards: {
      maxSignalsPerMinute: whole.maxSignalsPerMinute,
      maxSignalsPerDay: whole.maxSignalsPerDay,
      window: { start: form.windowStart.trim(), end: form.windowEnd.trim() },
      allowedIps: splitList(form.allowedIps),
    },
    risk: { maxLotsPerOrder: whole.maxLotsPerOrder, maxPositionLots: whole.maxPositionLots },
  };
  const parsed = StrategyConfigSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = fieldOfPath(issue.path) ?? 'underlying';
    // An address that is neither IPv4 nor IPv6 fails a union, whose own message names neither.
    const message = field === 'allowedIps' && typeof issue.path[2] === 'number' ? `Not an IP address: ${candidate.guards.allowedIps[issue.path[2]] ?? ''}.` : issue.message;
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return { ok: false, errors };
}

/** Why a passphrase cannot be used (the domain's rule: 8 to 200 characters), or null. */
export function passphraseProblem(passphrase: string): string | null {
  const checked = CreateStrategyInputSchema.shape.passphrase.safeParse(passphrase);
  return checked.success ? null : checked.error.issues.map((issue) => issue.message).join(' ');
}
