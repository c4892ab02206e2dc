import type { TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { DomainError, ERROR_CODES, type ErrorCode } from '@strikedesk/domain';

/** How each app error travels over HTTP. A Record, so a new ErrorCode can't be forgotten here. */
export const TRPC_CODE_BY_APP_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  VALIDATION_FAILED: 'BAD_REQUEST',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  INVALID_CREDENTIALS: 'UNAUTHORIZED',
  SESSION_EXPIRED: 'UNAUTHORIZED',
  FORBIDDEN_ROLE: 'FORBIDDEN',
  VIEWER_CANNOT_TRADE: 'FORBIDDEN',
  ORDER_NOT_FOUND: 'NOT_FOUND',
  INSTRUMENT_NOT_FOUND: 'NOT_FOUND',
  INSTRUMENT_NOT_TRADABLE: 'BAD_REQUEST',
  QUANTITY_NOT_LOT_MULTIPLE: 'BAD_REQUEST',
  PRICE_REQUIRED: 'BAD_REQUEST',
  TRIGGER_PRICE_REQUIRED: 'BAD_REQUEST',
  PRICE_NOT_ON_TICK: 'BAD_REQUEST',
  PRICE_NOT_ALLOWED: 'BAD_REQUEST',
  TRIGGER_PRICE_INVALID: 'BAD_REQUEST',
  ORDER_NOT_MODIFIABLE: 'CONFLICT',
  ORDER_NOT_CANCELABLE: 'CONFLICT',
  MODIFY_BELOW_FILLED: 'BAD_REQUEST',
  DUPLICATE_CLIENT_ORDER_ID: 'CONFLICT',
  MARKET_CLOSED: 'PRECONDITION_FAILED',
  RISK_DELTA_LIMIT: 'PRECONDITION_FAILED',
  RISK_VEGA_LIMIT: 'PRECONDITION_FAILED',
  EXPIRY_NOT_FOUND: 'NOT_FOUND',
  RISK_MAX_ORDER_QUANTITY: 'PRECONDITION_FAILED',
  RISK_MAX_ORDER_VALUE: 'PRECONDITION_FAILED',
  RISK_MAX_OPEN_ORDERS: 'PRECONDITION_FAILED',
  RISK_MAX_POSITION_INSTRUMENT: 'PRECONDITION_FAILED',
  RISK_MAX_POSITION_UNDERLYING: 'PRECONDITION_FAILED',
  RISK_PRICE_BAND: 'PRECONDITION_FAILED',
  RISK_ORDER_RATE: 'TOO_MANY_REQUESTS',
  RISK_BROKER_MINUTE_CAP: 'TOO_MANY_REQUESTS',
  RISK_BROKER_DAY_CAP: 'TOO_MANY_REQUESTS',
  RISK_DAILY_LOSS: 'PRECONDITION_FAILED',
  RISK_LIMITS_VERSION_CONFLICT: 'CONFLICT',
  KILL_SWITCH_ENGAGED: 'PRECONDITION_FAILED',
  ACCOUNT_BLOCKED_RECONCILIATION: 'PRECONDITION_FAILED',
  HALT_NOT_FOUND: 'NOT_FOUND',
  NOTHING_TO_SQUARE_OFF: 'PRECONDITION_FAILED',
  NO_MARKET_PRICE: 'PRECONDITION_FAILED',
  MODIFY_ABOVE_FREEZE_QUANTITY: 'BAD_REQUEST',
  BROKER_NOT_RECEIVED: 'PRECONDITION_FAILED',
  BROKER_MODIFY_NOT_CONFIRMED: 'CONFLICT',
  ENGINE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  USERNAME_TAKEN: 'CONFLICT',
  WEAK_PASSWORD: 'BAD_REQUEST',
  // Not UNAUTHORIZED: the caller's session is fine, and a 401 would make the web refresh and retry.
  CURRENT_PASSWORD_WRONG: 'BAD_REQUEST',
  EVENT_STREAM_AHEAD: 'PRECONDITION_FAILED',
  STRATEGY_NOT_FOUND: 'NOT_FOUND',
  STRATEGY_VERSION_CONFLICT: 'CONFLICT',
  WEBHOOK_NOT_FOUND: 'NOT_FOUND',
  WEBHOOK_MALFORMED_BODY: 'BAD_REQUEST',
  WEBHOOK_UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  WEBHOOK_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  WEBHOOK_UNKNOWN_ACTION: 'UNPROCESSABLE_CONTENT',
  WEBHOOK_INVALID_QUANTITY: 'UNPROCESSABLE_CONTENT',
  WEBHOOK_PLACEHOLDER_UNFILLED: 'UNPROCESSABLE_CONTENT',
  WEBHOOK_UNKNOWN_SYMBOL: 'UNPROCESSABLE_CONTENT',
  WEBHOOK_SYMBOL_MISMATCH: 'UNPROCESSABLE_CONTENT',
  WEBHOOK_BAD_PASSPHRASE: 'UNAUTHORIZED',
  WEBHOOK_IP_NOT_ALLOWED: 'FORBIDDEN',
  WEBHOOK_STRATEGY_DISABLED: 'CONFLICT',
  WEBHOOK_OWNER_CANNOT_TRADE: 'FORBIDDEN',
  SIGNAL_TOO_OLD: 'PRECONDITION_FAILED',
  WEBHOOK_OUTSIDE_WINDOW: 'PRECONDITION_FAILED',
  WEBHOOK_RATE_LIMITED: 'TOO_MANY_REQUESTS',
  WEBHOOK_DAILY_CAP: 'TOO_MANY_REQUESTS',
  SIGNAL_NOT_FOUND: 'NOT_FOUND',
  SIGNAL_INVALID_QUANTITY: 'BAD_REQUEST',
  SIGNAL_ORDER_SIZE_LIMIT: 'PRECONDITION_FAILED',
  SIGNAL_POSITION_LIMIT: 'PRECONDITION_FAILED',
  SIGNAL_NO_PRICE: 'PRECONDITION_FAILED',
  API_KEY_INVALID: 'UNAUTHORIZED',
  API_KEY_SCOPE: 'FORBIDDEN',
  API_KEY_NOT_FOUND: 'NOT_FOUND',
  PORTFOLIO_NOT_FOUND: 'NOT_FOUND',
  SIGNAL_PORTFOLIO_ACTION: 'BAD_REQUEST',
  PORTFOLIO_VERSION_CONFLICT: 'CONFLICT',
  PORTFOLIO_BUSY: 'CONFLICT',
  PORTFOLIO_NOT_RUNNING: 'CONFLICT',
  PORTFOLIO_NOT_ACTIVE: 'CONFLICT',
  PORTFOLIO_HAS_POSITIONS: 'CONFLICT',
  PORTFOLIO_LIMIT: 'TOO_MANY_REQUESTS',
  PORTFOLIO_LEG_NOT_FILLED: 'CONFLICT',
  PORTFOLIO_LEG_STUCK: 'CONFLICT',
  PORTFOLIO_STRIKE_NOT_LISTED: 'PRECONDITION_FAILED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

export type AppErrorDescription = { appCode: ErrorCode; message: string; trpcCode: TRPC_ERROR_CODE_KEY };

type Issue = { path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string };

const hasIssues = (value: unknown): value is { issues: Issue[] } =>
  typeof value === 'object' && value !== null && 'issues' in value && Array.isArray(value.issues);

const issuePath = (issue: Issue): string =>
  (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');

/** "quantity: Too small: expected number to be >0; price: Invalid input" — names the field. */
export function describeIssues(issues: Issue[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const path = issuePath(issue);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  return parts.length > 0 ? parts.join('; ') : ERROR_CODES.VALIDATION_FAILED;
}

const fromAppCode = (appCode: ErrorCode, message?: string): AppErrorDescription => ({
  appCode,
  message: message ?? ERROR_CODES[appCode],
  trpcCode: TRPC_CODE_BY_APP_CODE[appCode],
});

/**
 * The one place deciding what a caller learns from an error: our DomainErrors and validation
 * issues are explained; anything else is INTERNAL with the generic text (logged, never leaked).
 */
export function describeError(error: TRPCError): AppErrorDescription {
  const cause = error.cause;
  if (cause instanceof DomainError) return fromAppCode(cause.code, cause.message);
  if (hasIssues(cause)) return fromAppCode('VALIDATION_FAILED', describeIssues(cause.issues));
  switch (error.code) {
    // tRPC's own request errors (malformed JSON, unknown procedure, wrong method) are about the
    // request, and their messages are written for callers.
    case 'PARSE_ERROR':
    case 'BAD_REQUEST':
    case 'NOT_FOUND':
    case 'METHOD_NOT_SUPPORTED':
    case 'UNSUPPORTED_MEDIA_TYPE':
    case 'PAYLOAD_TOO_LARGE':
      return { appCode: 'VALIDATION_FAILED', message: error.message, trpcCode: error.code };
    case 'TOO_MANY_REQUESTS':
      return fromAppCode('RATE_LIMITED');
    case 'UNAUTHORIZED':
      return fromAppCode('UNAUTHENTICATED');
    default:
      return fromAppCode('INTERNAL');
  }
}
