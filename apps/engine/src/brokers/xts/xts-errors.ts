import { DomainError, type ErrorCode } from '@strikedesk/domain';

/**
 * The XTS envelope `{type:"error", code, description, result}` and transport failures, mapped to
 * our codes; XTS's own code and text stay in `details` with the raw body. `outcome` says whether
 * the request may have been carried out:
 * - `refused`: XTS definitively did not act (validation, order refusal, session loss, 429).
 * - `unknown`: a timeout, a reset, a 5xx, an unreadable answer — an order may exist: look it up by
 *   orderUniqueIdentifier, never send it again blindly.
 */
export type XtsErrorDetails = {
  outcome: 'refused' | 'unknown';
  source: 'client' | 'server' | 'network';
  httpStatus: number | null;
  /** XTS's code (e-app-001, e-orders-...), when it sent one. */
  xtsCode: string | null;
  brokerMessage: string | null;
  raw: unknown;
  method?: string;
  path?: string;
};

/**
 * Session loss has three faces across deployments: "Invalid Token" with 400, 200 with
 * type:"error", e-token-0002 "Please Provide token to Authenticate" — and "Your session has been
 * expired". All mean the token is gone; a second login elsewhere looks exactly the same.
 */
const SESSION_LOST = /invalid token|session has been expired|provide token|token.*expired|logged ?in (from )?(another|elsewhere)/i;

export function isSessionLoss(xtsCode: string | null, message: string | null, httpStatus: number | null): boolean {
  return (xtsCode?.startsWith('e-token') ?? false) || SESSION_LOST.test(message ?? '') || httpStatus === 401 || httpStatus === 403;
}

function codeFor(httpStatus: number, xtsCode: string | null, message: string | null): ErrorCode {
  if (httpStatus === 429) return 'BROKER_RATE_LIMITED';
  if (isSessionLoss(xtsCode, message, httpStatus)) return 'BROKER_SESSION_EXPIRED';
  if (httpStatus >= 500) return 'BROKER_UNAVAILABLE';
  if (xtsCode?.startsWith('e-orders') || xtsCode?.startsWith('e-rms')) return 'BROKER_ORDER_REJECTED';
  return 'BROKER_INPUT_REJECTED';
}

export type XtsErrorResponse = { httpStatus: number; xtsCode: string | null; brokerMessage: string | null; raw: unknown; method?: string; path?: string };

export function xtsResponseError(response: XtsErrorResponse): DomainError {
  const code = codeFor(response.httpStatus, response.xtsCode, response.brokerMessage);
  const details: XtsErrorDetails = {
    outcome: code === 'BROKER_UNAVAILABLE' ? 'unknown' : 'refused',
    source: 'server',
    ...response,
  };
  const readable = code === 'BROKER_ORDER_REJECTED' || code === 'BROKER_INPUT_REJECTED';
  const message = readable && response.brokerMessage ? `The broker refused: ${response.brokerMessage}` : undefined;
  return new DomainError(code, message, details);
}

export function xtsTransportError(cause: unknown, context: { method: string; path: string; timedOut: boolean }): DomainError {
  const reason = context.timedOut ? 'timed out' : cause instanceof Error ? cause.message : String(cause);
  const details: XtsErrorDetails = { outcome: 'unknown', source: 'network', httpStatus: null, xtsCode: null, brokerMessage: null, raw: reason, method: context.method, path: context.path };
  return new DomainError('BROKER_UNAVAILABLE', undefined, details);
}

export function xtsBadResponse(raw: unknown, problem: string, context: { method: string; path: string; httpStatus: number }): DomainError {
  const details: XtsErrorDetails = { outcome: 'unknown', source: 'server', httpStatus: context.httpStatus, xtsCode: null, brokerMessage: problem, raw, method: context.method, path: context.path };
  return new DomainError('BROKER_BAD_RESPONSE', undefined, details);
}

export function xtsClientRefusal(code: ErrorCode, message: string): DomainError {
  const details: XtsErrorDetails = { outcome: 'refused', source: 'client', httpStatus: null, xtsCode: null, brokerMessage: null, raw: null };
  return new DomainError(code, message, details);
}

export const xtsErrorDetails = (error: unknown): XtsErrorDetails | null =>
  error instanceof DomainError && error.details && 'outcome' in error.details ? (error.details as XtsErrorDetails) : null;

/** True when XTS may have carried the request out (or the error is not one of ours at all). */
export function isXtsOutcomeUnknown(error: unknown): boolean {
  const details = xtsErrorDetails(error);
  return details === null || details.outcome === 'unknown';
}
