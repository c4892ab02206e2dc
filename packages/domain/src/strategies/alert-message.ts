import { z } from 'zod';

/**
 * The alert message a TradingView alert posts (docs/runbook.md, "TradingView alerts"). JSON, or a
 * line of words for plain-text alerts: `buy 2`, `exit`, `target -3 ticker=NIFTY1! id=abc`.
 */
export const SIGNAL_ACTIONS = ['BUY', 'SELL', 'EXIT', 'REVERSE', 'TARGET'] as const;
export const SignalActionSchema = z.enum(SIGNAL_ACTIONS);
export type SignalAction = z.infer<typeof SignalActionSchema>;

export const MARKET_POSITIONS = ['long', 'flat', 'short'] as const;

export const AlertMessageSchema = z.object({
  action: SignalActionSchema,
  /** {{strategy.order.contracts}}: how many contracts this order trades; null when not sent. */
  contracts: z.number().positive().nullable(),
  /** {{strategy.position_size}}: the strategy's signed position after the order. */
  positionSize: z.number().nullable(),
  marketPosition: z.enum(MARKET_POSITIONS).nullable(),
  ticker: z.string().nullable(),
  /** An id unique per alert, e.g. "{{strategy.order.id}}-{{timenow}}": the deduplication key. */
  alertId: z.string().nullable(),
  passphrase: z.string().nullable(),
  price: z.string().nullable(),
  time: z.string().nullable(),
  comment: z.string().nullable(),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

export type AlertParseError = {
  code: 'WEBHOOK_MALFORMED_BODY' | 'WEBHOOK_UNKNOWN_ACTION' | 'WEBHOOK_INVALID_QUANTITY' | 'WEBHOOK_PLACEHOLDER_UNFILLED';
  message: string;
};
export type AlertParseResult = { ok: true; message: AlertMessage } | { ok: false; error: AlertParseError };

const ACTION_WORDS: Record<string, SignalAction> = {
  buy: 'BUY',
  long: 'BUY',
  sell: 'SELL',
  short: 'SELL',
  exit: 'EXIT',
  close: 'EXIT',
  flat: 'EXIT',
  reverse: 'REVERSE',
  target: 'TARGET',
};

/** Keys accepted for each field (TradingView users write them many ways). */
const FIELD_KEYS = {
  action: ['action', 'side', 'signal'],
  contracts: ['contracts', 'quantity', 'qty'],
  positionSize: ['position_size', 'positionSize'],
  marketPosition: ['market_position', 'marketPosition'],
  ticker: ['ticker', 'symbol'],
  alertId: ['alert_id', 'alertId', 'id'],
  passphrase: ['passphrase'],
  price: ['price'],
  time: ['time', 'timenow'],
  comment: ['comment'],
} as const;

const MAX_QUANTITY = 10_000_000;

const fail = (code: AlertParseError['code'], message: string): AlertParseResult => ({ ok: false, error: { code, message } });

/** Parses a webhook body; `isJson` when the body must be JSON (content type application/json). */
export function parseAlertMessage(body: string, isJson: boolean): AlertParseResult {
  const trimmed = body.trim();
  if (trimmed === '') return fail('WEBHOOK_MALFORMED_BODY', 'The alert message is empty.');
  // TradingView sends JSON-looking messages as application/json, but a JSON body sent as text/plain is normal.
  const looksJson = trimmed.startsWith('{');
  if (isJson || looksJson) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return fail('WEBHOOK_MALFORMED_BODY', `The alert message is not valid JSON (${(error as Error).message}).`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail('WEBHOOK_MALFORMED_BODY', 'The alert message must be a JSON object such as {"action": "buy", "contracts": 1}.');
    }
    return fromFields(value as Record<string, unknown>);
  }
  return fromFields(wordsToFields(trimmed));
}

/** `buy 2 ticker=NIFTY1!` → { action: 'buy', contracts: '2', ticker: 'NIFTY1!' }; `target -3` → position_size. */
function wordsToFields(text: string): Record<string, unknown> {
  const [first = '', ...rest] = text.split(/\s+/);
  const fields: Record<string, unknown> = { action: first };
  for (const word of rest) {
    const equals = word.indexOf('=');
    if (equals > 0) fields[word.slice(0, equals)] = word.slice(equals + 1);
    else if (first.toLowerCase() === 'target') fields['position_size'] ??= word;
    else fields['contracts'] ??= word;
  }
  return fields;
}

function pick(fields: Record<string, unknown>, keys: readonly string[]): unknown {
  for (const key of keys) if (fields[key] !== undefined && fields[key] !== null && fields[key] !== '') return fields[key];
  return undefined;
}

const TEXT_LIMIT = 200;

/** The first 200 UTF-16 units, never half of an emoji's surrogate pair (PostgreSQL refuses a lone one). */
function clip(value: string): string {
  const cut = value.slice(0, TEXT_LIMIT);
  return cut.length === TEXT_LIMIT && /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function text(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return clip(value.trim());
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return clip(JSON.stringify(value));
  } catch {
    // JSON nested thousands deep (it fits in a 16 KB body) overflows the stack when written back out.
    return '(nested too deeply to show)';
  }
}

function fromFields(fields: Record<string, unknown>): AlertParseResult {
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.includes('{{')) {
      return fail(
        'WEBHOOK_PLACEHOLDER_UNFILLED',
        `"${key}" still holds a TradingView placeholder (${value.slice(0, 60)}). Placeholders are filled only in the alert dialog's message, not in Pine alert() text.`,
      );
    }
  }
  const rawAction = text(pick(fields, FIELD_KEYS.action));
  if (rawAction === null) return fail('WEBHOOK_UNKNOWN_ACTION', 'The alert message has no "action" (buy, sell, exit, reverse or target).');
  const action = ACTION_WORDS[rawAction.toLowerCase()];
  if (!action) return fail('WEBHOOK_UNKNOWN_ACTION', `Unknown action "${rawAction.slice(0, 40)}": use buy, sell, exit, reverse or target.`);

  const contracts = number(pick(fields, FIELD_KEYS.contracts));
  if (contracts === 'invalid' || (contracts !== null && (contracts <= 0 || contracts > MAX_QUANTITY))) {
    return fail('WEBHOOK_INVALID_QUANTITY', 'The quantity ("contracts") must be a positive number.');
  }
  const positionSize = number(pick(fields, FIELD_KEYS.positionSize));
  if (positionSize === 'invalid' || (positionSize !== null && Math.abs(positionSize) > MAX_QUANTITY)) {
    return fail('WEBHOOK_INVALID_QUANTITY', 'The position size must be a number (negative for short).');
  }
  if (action === 'TARGET' && positionSize === null) {
    return fail('WEBHOOK_INVALID_QUANTITY', 'A "target" alert needs the position to reach: add "position_size": "{{strategy.position_size}}".');
  }
  const marketPosition = text(pick(fields, FIELD_KEYS.marketPosition))?.toLowerCase() ?? null;
  return {
    ok: true,
    message: {
      action,
      contracts,
      positionSize,
      marketPosition: marketPosition === 'long' || marketPosition === 'flat' || marketPosition === 'short' ? marketPosition : null,
      ticker: text(pick(fields, FIELD_KEYS.ticker)),
      alertId: text(pick(fields, FIELD_KEYS.alertId)),
      passphrase: text(pick(fields, FIELD_KEYS.passphrase)),
      price: text(pick(fields, FIELD_KEYS.price)),
      time: text(pick(fields, FIELD_KEYS.time)),
      comment: text(pick(fields, FIELD_KEYS.comment)),
    },
  };
}

/** TradingView fills numbers as plain decimals ("2", "2.0", "-1"); JSON authors may send numbers. */
function number(value: unknown): number | null | 'invalid' {
  if (value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  if (typeof value !== 'string' || !/^[+-]?\d+(\.\d+)?$/.test(value.trim())) return 'invalid';
  return Number(value.trim());
}
