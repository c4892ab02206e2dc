import { DomainError, type ErrorCode } from '@strikedesk/domain';

/**
 * Kite's error envelope `{status:"error", message, error_type}` and transport failures, mapped to
 * our stable codes. Kite's exception names stay in `details` (with the raw payload, for debugging);
 * callers branch on our code and on `outcome`:
 * - `refused`: Kite definitively did not act (4xx with a known exception, 403, 429) — for an order,
 *   the venue's definitive word.
 * - `unknown`: a timeout, a dropped connection, a 5xx or an unreadable answer — the request may
 *   have been carried out (Kite's NetworkException/DataException mean the API lost touch with its
 *   OMS, which may already hold the order). Adapters emit nothing and look the order up instead.
 */
export type KiteErrorOutcome = 'refused' | 'unknown';
export type KiteErrorSource = 'client' | 'server' | 'network';

export type KiteErrorDetails = {
  outcome: KiteErrorOutcome;
  source: KiteErrorSource;
  httpStatus: number | null;
  /** Kite's exception name (TokenException, ...) when it sent one. */
  errorType: string | null;
  /** Kite's own message, usually readable ("Insufficient funds. Required margin is ..."). */
  brokerMessage: string | null;
  /** The response body as received (parsed JSON, or text), for debugging. */
  raw: unknown;
  method?: string;
  path?: string;
};

const CODE_BY_EXCEPTION: Record<string, ErrorCode> = {
  TokenException: 'BROKER_SESSION_EXPIRED',
  InputException: 'BROKER_INPUT_REJECTED',
  OrderException: 'BROKER_ORDER_REJECTED',
  MarginException: 'BROKER_ORDER_REJECTED',
  HoldingException: 'BROKER_ORDER_REJECTED',
  PermissionException: 'BROKER_PERMISSION_DENIED',
  UserException: 'BROKER_PERMISSION_DENIED',
  NetworkException: 'BROKER_UNAVAILABLE',
  DataException: 'BROKER_UNAVAILABLE',
  GeneralException: 'BROKER_UNAVAILABLE',
};

const UNKNOWN_OUTCOME_CODES: ReadonlySet<ErrorCode> = new Set(['BROKER_UNAVAILABLE', 'BROKER_BAD_RESPONSE']);

/** The code for an HTTP status when Kite named no (known) exception. */
function codeForStatus(status: number): ErrorCode {
  if (status === 403) return 'BROKER_SESSION_EXPIRED';
  if (status === 429) return 'BROKER_RATE_LIMITED';
  if (status >= 500) return 'BROKER_UNAVAILABLE';
  return 'BROKER_INPUT_REJECTED';
}

function messageFor(code: ErrorCode, brokerMessage: string | null): string | undefined {
  if (!brokerMessage) return undefined;
  switch (code) {
    case 'BROKER_ORDER_REJECTED':
      return `The broker rejected the order: ${brokerMessage}`;
    case 'BROKER_INPUT_REJECTED':
      return `The broker refused the request: ${brokerMessage}`;
    case 'BROKER_PERMISSION_DENIED':
      return `The broker does not allow this: ${brokerMessage}`;
    default:
      // Session, rate-limit and availability errors read better in our words than in Kite's.
      return undefined;
  }
}

export type KiteErrorResponse = { httpStatus: number; errorType: string | null; brokerMessage: string | null; raw: unknown; method?: string; path?: string };

/**
 * An error answer from Kite. 429 wins over any body (its body is undocumented); then Kite's
 * exception name; unknown names are GeneralException, as in the official clients.
 */
export function kiteResponseError(response: KiteErrorResponse): DomainError {
  const { httpStatus, errorType } = response;
  const known = errorType !== null && Object.hasOwn(CODE_BY_EXCEPTION, errorType) ? CODE_BY_EXCEPTION[errorType] : undefined;
  // A 5xx is Kite's front end losing touch with its OMS, whatever exception name it carries
  // ("OrderException: request timed out" with 500/502/504): the OMS may hold the order, so it is
  // never a refusal. Only a TokenException keeps its meaning (the session is gone either way).
  const serverFailure = httpStatus >= 500 && known !== 'BROKER_SESSION_EXPIRED';
  const code: ErrorCode =
    httpStatus === 429 ? 'BROKER_RATE_LIMITED' : serverFailure ? 'BROKER_UNAVAILABLE' : (known ?? (errorType !== null ? 'BROKER_UNAVAILABLE' : codeForStatus(httpStatus)));
  const details: KiteErrorDetails = {
    outcome: UNKNOWN_OUTCOME_CODES.has(code) ? 'unknown' : 'refused',
    source: 'server',
    httpStatus,
    errorType,
    brokerMessage: response.brokerMessage,
    raw: response.raw,
    method: response.method,
    path: response.path,
  };
  return new DomainError(code, messageFor(code, response.brokerMessage), details);
}

/** A request that failed in transit: timed out, connection refused or reset. Outcome unknown. */
export function kiteTransportError(cause: unknown, context: { method: string; path: string; timedOut: boolean }): DomainError {
  const reason = context.timedOut ? 'timed out' : describeCause(cause);
  const details: KiteErrorDetails = {
    outcome: 'unknown',
    source: 'network',
    httpStatus: null,
    errorType: null,
    brokerMessage: null,
    raw: reason,
    method: context.method,
    path: context.path,
  };
  return new DomainError('BROKER_UNAVAILABLE', undefined, details);
}

/** A success status whose body we could not read (not JSON, or not the documented shape). */
export function kiteBadResponse(raw: unknown, problem: string, context: { method: string; path: string; httpStatus: number }): DomainError {
  const details: KiteErrorDetails = {
    outcome: 'unknown',
    source: 'server',
    httpStatus: context.httpStatus,
    errorType: null,
    brokerMessage: problem,
    raw,
    method: context.method,
    path: context.path,
  };
  return new DomainError('BROKER_BAD_RESPONSE', undefined, details);
}

/** Refused on our side before anything was sent (session known to be expired, queue too long). */
export function kiteClientRefusal(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): DomainError {
  const details: KiteErrorDetails = { outcome: 'refused', source: 'client', httpStatus: null, errorType: null, brokerMessage: null, raw: null };
  return new DomainError(code, message, { ...details, ...extra });
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const code = inner instanceof Error && 'code' in inner ? String((inner as Error & { code: unknown }).code) : null;
    return code ? `${cause.message} (${code})` : cause.message;
  }
  return String(cause);
}

export const kiteErrorDetails = (error: unknown): KiteErrorDetails | null =>
  error instanceof DomainError && error.details && 'outcome' in error.details ? (error.details as KiteErrorDetails) : null;

/**
 * True when the request may have been carried out by Kite: a timeout, a reset, a 5xx, an
 * unreadable answer — or an error that is not ours at all. An order in that state is looked up
 * (by tag), never sent again blindly.
 */
export function isOutcomeUnknown(error: unknown): boolean {
  const details = kiteErrorDetails(error);
  return details === null || details.outcome === 'unknown';
}
