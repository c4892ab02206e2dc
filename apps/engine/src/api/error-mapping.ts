import { TRPCError } from '@trpc/server';
import { DomainError, ERROR_CODES, type ErrorCode } from '@strikedesk/domain';

type TRPCCode = TRPCError['code'];

const TRPC_CODE_OF: Partial<Record<ErrorCode, TRPCCode>> = {
  UNAUTHENTICATED: 'UNAUTHORIZED',
  ORDER_NOT_FOUND: 'NOT_FOUND',
  INSTRUMENT_NOT_FOUND: 'NOT_FOUND',
  ORDER_NOT_MODIFIABLE: 'CONFLICT',
  ORDER_NOT_CANCELABLE: 'CONFLICT',
  DUPLICATE_CLIENT_ORDER_ID: 'CONFLICT',
  EVENT_STREAM_AHEAD: 'PRECONDITION_FAILED',
  ENGINE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  BROKER_SESSION_EXPIRED: 'PRECONDITION_FAILED',
  BROKER_ORDER_REJECTED: 'UNPROCESSABLE_CONTENT',
  BROKER_PERMISSION_DENIED: 'FORBIDDEN',
  BROKER_RATE_LIMITED: 'TOO_MANY_REQUESTS',
  BROKER_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  BROKER_BAD_RESPONSE: 'BAD_GATEWAY',
  BROKER_NOT_SUPPORTED: 'NOT_IMPLEMENTED',
  BROKER_NOT_CONNECTED: 'PRECONDITION_FAILED',
  BROKER_CLIENT_ID_REQUIRED: 'PRECONDITION_FAILED',
  BROKER_ACCOUNT_NOT_FOUND: 'NOT_FOUND',
  BROKER_LOGIN_FAILED: 'BAD_REQUEST',
  BROKER_POSTBACK_FORGED: 'FORBIDDEN',
  PORTFOLIO_NOT_FOUND: 'NOT_FOUND',
  PORTFOLIO_VERSION_CONFLICT: 'CONFLICT',
  PORTFOLIO_BUSY: 'CONFLICT',
  PORTFOLIO_NOT_RUNNING: 'CONFLICT',
  PORTFOLIO_NOT_ACTIVE: 'CONFLICT',
  PORTFOLIO_HAS_POSITIONS: 'CONFLICT',
  PORTFOLIO_LIMIT: 'TOO_MANY_REQUESTS',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

/** The tRPC code a DomainError travels under (its stable appCode travels in `data`). */
export const trpcCodeFor = (code: ErrorCode): TRPCCode => TRPC_CODE_OF[code] ?? 'BAD_REQUEST';

type Issue = { path?: readonly PropertyKey[]; message: string };

function validationIssues(cause: unknown): string | null {
  if (typeof cause !== 'object' || cause === null || !('issues' in cause) || !Array.isArray(cause.issues)) return null;
  const issues = cause.issues as Issue[];
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** The appCode and trader-facing message for any error leaving the API; never a stack trace. */
export function describeError(error: TRPCError): { appCode: ErrorCode; message: string } {
  const cause = error.cause;
  if (cause instanceof DomainError) return { appCode: cause.code, message: cause.message };
  const issues = validationIssues(cause);
  if (issues !== null) return { appCode: 'VALIDATION_FAILED', message: `${ERROR_CODES.VALIDATION_FAILED} ${issues}` };
  if (error.code === 'UNAUTHORIZED') return { appCode: 'UNAUTHENTICATED', message: ERROR_CODES.UNAUTHENTICATED };
  if (error.code === 'BAD_REQUEST' || error.code === 'PARSE_ERROR') return { appCode: 'VALIDATION_FAILED', message: error.message };
  return { appCode: 'INTERNAL', message: ERROR_CODES.INTERNAL };
}
