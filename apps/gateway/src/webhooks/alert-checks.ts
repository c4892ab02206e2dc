import {
  alertCouldReduce,
  ERROR_CODES,
  inAlertWindow,
  parseAlertMessage,
  type AlertMessage,
  type AlertParseResult,
  type ErrorCode,
  type Strategy,
  type TickerResolution,
  type TickerResolveQuery,
} from '@strikedesk/domain';
import type { WebhookStrategy } from '@strikedesk/db/client';
import type { Logger } from '../logger.ts';
import { passphraseMatches } from './webhook-secrets.ts';

/**
 * The checks the webhook intake runs on a received alert, shared with the "Check a message" dry
 * run (alert-dry-run.ts) so the two cannot answer differently.
 */
export type Refusal = { code: ErrorCode; message: string };

/** The engine's symbol check; null when the engine cannot answer now (the engine re-checks when it processes). */
export type ResolveTicker = (query: TickerResolveQuery) => Promise<TickerResolution | null>;

/**
 * The engine's symbol check as an alert's intake asks it: an early answer within 500 ms, else none
 * (null) — the alert is then still taken and the engine checks the symbol when it processes it.
 */
export const intakeTickerCheck =
  (engine: { resolveTicker(query: TickerResolveQuery, timeoutMs?: number): Promise<TickerResolution> }): ResolveTicker =>
  (query) =>
    engine.resolveTicker(query, 500).catch(() => null);

/**
 * The alert as the parser reads it. The parser may throw on input it was not built for (JSON nested
 * thousands deep overflows the stack when a field is turned back into text): that is an unreadable
 * alert, answered 400 and recorded, not a failure to store it (503, which TradingView would resend).
 */
export function readAlert(body: string, isJson: boolean, logger: Logger): AlertParseResult {
  try {
    return parseAlertMessage(body, isJson);
  } catch (error) {
    logger.warn({ err: error }, 'webhook alert could not be parsed');
    return {
      ok: false,
      error: { code: 'WEBHOOK_MALFORMED_BODY', message: 'The alert message could not be read: send a flat JSON object such as {"action": "buy", "contracts": 1}.' },
    };
  }
}

/** Whether the alert arrives outside the strategy's window (it may then only close: IntakeMarks). */
export const arrivesOutsideWindow = (strategy: Strategy, now: number): boolean => !inAlertWindow(strategy.config.guards.window, now);

/** A readable alert's checks, in the intake's order: passphrase, enabled, time window, symbol, owner may trade. */
export async function checkReceivedAlert(found: WebhookStrategy, message: AlertMessage, now: number, resolveTicker: ResolveTicker): Promise<Refusal | null> {
  const refusal = await checkAlert(found.strategy, found.passphraseHash, message, now, resolveTicker);
  if (refusal) return refusal;
  if (!found.ownerCanTrade) return { code: 'WEBHOOK_OWNER_CANNOT_TRADE', message: ERROR_CODES.WEBHOOK_OWNER_CANNOT_TRADE };
  return null;
}

async function checkAlert(strategy: Strategy, passphraseHash: string | null, message: AlertMessage, now: number, resolveTicker: ResolveTicker): Promise<Refusal | null> {
  if (passphraseHash !== null && !passphraseMatches(message.passphrase, passphraseHash)) {
    return { code: 'WEBHOOK_BAD_PASSPHRASE', message: ERROR_CODES.WEBHOOK_BAD_PASSPHRASE };
  }
  if (!strategy.enabled) return { code: 'WEBHOOK_STRATEGY_DISABLED', message: ERROR_CODES.WEBHOOK_STRATEGY_DISABLED };
  // Outside the window an alert that could take the position towards flat is stored (marked) for
  // the engine, which knows the position and sends only what closes it (ADR 0015); an entry is refused here.
  if (arrivesOutsideWindow(strategy, now) && !alertCouldReduce(message, strategy.config)) {
    const { start, end } = strategy.config.guards.window;
    return { code: 'WEBHOOK_OUTSIDE_WINDOW', message: `This strategy accepts alerts from ${start} to ${end} IST (outside it, only exits).` };
  }
  // A portfolio strategy's ticker is checked against its portfolio's underlying by the engine.
  if (strategy.config.target.kind === 'PORTFOLIO') return null;
  const resolution = await resolveTicker({ ticker: message.ticker, target: strategy.config.target, tickerAliases: strategy.config.tickerAliases });
  if (resolution && !resolution.ok) return { code: resolution.code, message: resolution.message };
  return null;
}
