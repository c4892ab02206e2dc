import { ERROR_CODES, type AlertCheckResult, type AlertOutcome, type SignalCheckQuery } from '@strikedesk/domain';
import type { WebhookStrategy } from '@strikedesk/db/client';
import type { Logger } from '../logger.ts';
import { arrivesOutsideWindow, checkReceivedAlert, readAlert, type ResolveTicker } from './alert-checks.ts';
import { storableMessage } from './storable-text.ts';
import { WEBHOOK_BODY_LIMIT_BYTES } from './webhook-intake.ts';

export type AlertDryRunDeps = {
  resolveTicker: ResolveTicker;
  /** The engine's answer: what the alert would do now (apps/engine/src/strategies/check-signal.ts). */
  checkSignal: (query: SignalCheckQuery) => Promise<AlertOutcome>;
  logger: Logger;
};

export type AlertDryRunRequest = {
  body: string;
  contentType: 'json' | 'text';
  now: number;
};

/**
 * "Check a message": the webhook intake's steps on a received alert — size, parse, passphrase,
 * enabled, time window, symbol, owner may trade (alert-checks.ts) — then the engine's decision for
 * it now. Nothing is stored, no duplicate key is reserved, no rate limit is counted, nothing is
 * sent: the real alert afterwards is a new alert. Refusals carry the webhook's codes and messages.
 */
export async function dryRunAlert(found: WebhookStrategy, request: AlertDryRunRequest, deps: AlertDryRunDeps): Promise<AlertCheckResult> {
  const { strategy } = found;
  if (Buffer.byteLength(request.body, 'utf8') > WEBHOOK_BODY_LIMIT_BYTES) return { ok: false, code: 'WEBHOOK_BODY_TOO_LARGE', message: ERROR_CODES.WEBHOOK_BODY_TOO_LARGE };
  const parsed = readAlert(request.body, request.contentType === 'json', deps.logger);
  if (!parsed.ok) return { ok: false, ...parsed.error };
  const refusal = await checkReceivedAlert(found, parsed.message, request.now, deps.resolveTicker);
  if (refusal) return { ok: false, ...refusal };

  const outsideWindow = arrivesOutsideWindow(strategy, request.now);
  // As the intake stores it (storable, without the passphrase) and the engine reads it back.
  const { passphrase: _secret, ...message } = storableMessage(parsed.message);
  const wouldDo = await deps.checkSignal({ strategyId: strategy.id, version: strategy.version, message, outsideWindow });
  return { ok: true, parsed: message, wouldDo, notes: checkNotes(found, message, outsideWindow) };
}

/** What the trader should know beyond the answer: what a dry run cannot see, and guards that apply to the real alert. */
function checkNotes(found: WebhookStrategy, message: { alertId: string | null }, outsideWindow: boolean): string[] {
  const { guards } = found.strategy.config;
  const notes: string[] = [];
  if (outsideWindow) notes.push(`It is outside the strategy's window (${guards.window.start}–${guards.window.end} IST): only what closes its position would go.`);
  if (guards.allowedIps.length > 0) notes.push(`Alerts are accepted only from ${guards.allowedIps.join(', ')}: keep TradingView's addresses on that list.`);
  notes.push(
    message.alertId === null
      ? 'Without an alert_id, the same message sent again within 30 s counts as one alert.'
      : `Alert id "${message.alertId}": a second alert with this id within 7 days is answered as a repeat and not traded.`,
  );
  if (found.strategy.config.target.kind !== 'PORTFOLIO') notes.push("The account's risk checks and halts still decide when the order is placed.");
  return notes;
}
