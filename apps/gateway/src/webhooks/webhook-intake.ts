import { createHash } from 'node:crypto';
import { ALERT_BODY_LIMIT_BYTES, ERROR_CODES, istDayNumber, istDayStart, type AlertMessage, type ErrorCode, type IntakeMarks } from '@strikedesk/domain';
import type { IntakeResult, SignalStore, StrategyStore } from '@strikedesk/db/client';
import type { Logger } from '../logger.ts';
import { storableMessage, storableText } from './storable-text.ts';
import { arrivesOutsideWindow, checkReceivedAlert, readAlert, type Refusal, type ResolveTicker } from './alert-checks.ts';
import { hashWebhookToken, WEBHOOK_TOKEN_PATTERN } from './webhook-secrets.ts';

export const WEBHOOK_BODY_LIMIT_BYTES = ALERT_BODY_LIMIT_BYTES;

export type WebhookRequest = {
  token: string;
  contentType: string | undefined;
  /** null when the body was larger than the limit (then `bodyPrefix` holds its start for the log). */
  body: string | null;
  bodyPrefix?: string;
  sourceIp: string | null;
  now: number;
};

export type WebhookReply = { status: number; body: Record<string, unknown> };

export type WebhookIntakeDeps = {
  strategies: Pick<StrategyStore, 'byTokenHash'>;
  signals: Pick<SignalStore, 'intake'>;
  resolveTicker: ResolveTicker;
  logger: Logger;
};

/** HTTP status of each refusal: 4xx, so TradingView does not resend (it resends only on 5xx). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  WEBHOOK_MALFORMED_BODY: 400,
  WEBHOOK_BAD_PASSPHRASE: 401,
  WEBHOOK_IP_NOT_ALLOWED: 403,
  WEBHOOK_OWNER_CANNOT_TRADE: 403,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_STRATEGY_DISABLED: 409,
  WEBHOOK_OUTSIDE_WINDOW: 409,
  WEBHOOK_BODY_TOO_LARGE: 413,
  WEBHOOK_UNSUPPORTED_MEDIA_TYPE: 415,
  WEBHOOK_UNKNOWN_ACTION: 422,
  WEBHOOK_INVALID_QUANTITY: 422,
  WEBHOOK_PLACEHOLDER_UNFILLED: 422,
  WEBHOOK_UNKNOWN_SYMBOL: 422,
  WEBHOOK_SYMBOL_MISMATCH: 422,
  WEBHOOK_RATE_LIMITED: 429,
  WEBHOOK_DAILY_CAP: 429,
};

const NOT_FOUND: WebhookReply = { status: 404, body: { error: 'NOT_FOUND', message: ERROR_CODES.WEBHOOK_NOT_FOUND } };

/** `application/json; charset=utf-8` → 'json'; TradingView sends only these two. */
export function mediaType(contentType: string | undefined): 'json' | 'text' | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'text/plain' || type === '') return 'text';
  return null;
}

/**
 * TradingView → strategy: finds the strategy by its URL token, checks the alert, and stores it —
 * accepted, refused or as a repeat of an earlier one — before replying. Trading happens later in
 * the engine, from the stored queue; the reply only says the alert is safe.
 */
export async function receiveWebhook(request: WebhookRequest, deps: WebhookIntakeDeps): Promise<WebhookReply> {
  if (!WEBHOOK_TOKEN_PATTERN.test(request.token)) return NOT_FOUND;
  const found = await deps.strategies.byTokenHash(hashWebhookToken(request.token));
  if (!found) return NOT_FOUND;
  const { strategy } = found;

  const media = mediaType(request.contentType);
  let message: AlertMessage | null = null;
  let refusal: Refusal | null = null;
  const body = request.body ?? request.bodyPrefix ?? '';
  const allowed = strategy.config.guards.allowedIps;
  if (allowed.length > 0 && (request.sourceIp === null || !allowed.includes(request.sourceIp))) {
    refusal = { code: 'WEBHOOK_IP_NOT_ALLOWED', message: `Alerts from ${request.sourceIp ?? 'an unknown address'} are not allowed for this strategy.` };
  } else if (request.body === null) {
    refusal = { code: 'WEBHOOK_BODY_TOO_LARGE', message: ERROR_CODES.WEBHOOK_BODY_TOO_LARGE };
  } else if (media === null) {
    refusal = { code: 'WEBHOOK_UNSUPPORTED_MEDIA_TYPE', message: `${ERROR_CODES.WEBHOOK_UNSUPPORTED_MEDIA_TYPE} Received ${request.contentType?.slice(0, 60)}.` };
  } else {
    const parsed = readAlert(request.body, media === 'json', deps.logger);
    if (parsed.ok) message = parsed.message;
    else refusal = parsed.error;
  }
  // A readable alert is checked (passphrase, enabled, window, symbol, owner); an unreadable one is already refused.
  if (!refusal && message) refusal = await checkReceivedAlert(found, message, request.now, deps.resolveTicker);

  // Masked on the text as received (where the passphrase is), then made storable.
  const masked = storableText(maskPassphrase(body, message?.passphrase ?? null));
  const storable = message ? storableMessage(message) : null;
  const { passphrase: _secret, ...alert } = storable ?? { passphrase: null };
  // Beside the alert: it came outside the window and may only close (checked above when accepted).
  const marks: IntakeMarks | null = !refusal && message && arrivesOutsideWindow(strategy, request.now) ? { outsideWindow: true } : null;
  const stored = marks ? { ...alert, ...marks } : alert;
  const alertId = storable?.alertId ?? null;
  const dayStartMs = istDayStart(istDayNumber(request.now));
  let result: IntakeResult;
  try {
    result = await deps.signals.intake({
      strategyId: strategy.id,
      strategyName: strategy.name,
      strategyVersion: strategy.version,
      userId: strategy.userId,
      contentType: (request.contentType ?? '').slice(0, 100),
      body: masked,
      sourceIp: request.sourceIp,
      dedupeKey: alertId ? `id:${alertId}` : bodyDedupeKey(media, body),
      alertId,
      action: message?.action ?? null,
      parsed: storable ? stored : null,
      // Messages may quote the sender's text (a JSON error's excerpt, the engine's answer about a ticker).
      rejection: refusal && { code: refusal.code, message: storableText(refusal.message) },
      limits: { perMinute: strategy.config.guards.maxSignalsPerMinute, perDay: strategy.config.guards.maxSignalsPerDay, dayStartMs },
    });
  } catch (error) {
    // Not stored: a 5xx makes TradingView send it again (up to 3 times), which is what we want.
    deps.logger.error({ err: error, strategyId: strategy.id }, 'webhook alert could not be stored');
    return { status: 503, body: { error: 'INTERNAL', message: 'The alert could not be stored; TradingView will resend it.' } };
  }
  deps.logger.info({ strategyId: strategy.id, signalId: result.signalId, outcome: result.kind, sourceIp: request.sourceIp }, 'webhook alert');
  switch (result.kind) {
    case 'ACCEPTED':
      return { status: 200, body: { status: 'accepted', signalId: result.signalId } };
    case 'DUPLICATE':
      return { status: 200, body: { status: 'duplicate', signalId: result.signalId, originalStatus: result.status } };
    case 'REJECTED':
      return { status: STATUS[result.code as ErrorCode] ?? 422, body: { error: result.code, message: result.message, signalId: result.signalId } };
  }
}

/**
 * Identical alerts without an id are one alert within the window — identical as read: the body and
 * the media type it was declared as. "buy 1" sent as JSON cannot be read; the same text sent again
 * as text/plain is a new alert, not a repeat of the refused one (it was answered "duplicate" and
 * never traded).
 */
const bodyDedupeKey = (media: string | null, body: string): string => `body:${createHash('sha256').update(`${media ?? '?'}\n${body}`).digest('hex')}`;

/**
 * The body as stored and shown in Signals, without the passphrase: its value wherever it appears,
 * and whatever a `"passphrase": "…"` or `passphrase=…` holds (also when the alert could not be read).
 */
function maskPassphrase(body: string, passphrase: string | null): string {
  const hidden = '••••••';
  let masked = passphrase ? body.replaceAll(passphrase, hidden) : body;
  masked = masked.replace(/("passphrase"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi, `$1${hidden}$3`);
  return masked.replace(/(passphrase=)\S+/gi, `$1${hidden}`);
}
