import type { OutgoingHttpHeaders } from 'node:http';
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { DomainError, ERROR_CODES, type ErrorCode } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import { describeIssues, TRPC_CODE_BY_APP_CODE } from '../trpc/app-error.ts';

/** What a REST call answers: a status, a JSON body and any extra headers. */
export type RestReply = { status: number; body: unknown; headers?: OutgoingHttpHeaders };

/** The body of every REST error: a stable code and the sentence a trader reads. */
export type RestErrorBody = { error: ErrorCode; message: string } & Record<string, unknown>;

const statusOfTrpcCode = (code: TRPC_ERROR_CODE_KEY): number => getHTTPStatusCodeFromError(new TRPCError({ code }));

/** The HTTP status of an error code: the same as tRPC answers with for it, so both APIs agree. */
export const httpStatusOf = (code: ErrorCode): number => statusOfTrpcCode(TRPC_CODE_BY_APP_CODE[code]);

/**
 * When a program may try again after the engine's own rate refusals (429): the per-second order
 * window moves on within a second, the broker's per-minute cap within a minute at most. A day cap
 * has no retry today, so no header. The gateway's per-key limit (RATE_LIMITED) sets its own.
 */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = { RISK_ORDER_RATE: 1, RISK_BROKER_MINUTE_CAP: 60 };

export function errorReply(code: ErrorCode, options: { message?: string; extra?: Record<string, unknown>; status?: TRPC_ERROR_CODE_KEY } = {}): RestReply {
  const body: RestErrorBody = { error: code, message: options.message ?? ERROR_CODES[code], ...options.extra };
  // A request-level refusal (unknown path, wrong method, body too large) keeps its own HTTP status
  // under VALIDATION_FAILED, as tRPC does for its own request errors.
  const status = options.status ? statusOfTrpcCode(options.status) : httpStatusOf(code);
  const retryAfter = RETRY_AFTER_SECONDS[code];
  return retryAfter === undefined ? { status, body } : { status, body, headers: { 'retry-after': String(retryAfter) } };
}

const hasIssues = (value: unknown): value is { issues: Parameters<typeof describeIssues>[0] } =>
  typeof value === 'object' && value !== null && 'issues' in value && Array.isArray(value.issues);

/**
 * What a caller learns from a failure, as describeError decides for tRPC: our DomainErrors and
 * validation issues are explained; anything else is INTERNAL with the generic text, logged here.
 */
export function replyForError(error: unknown, logger: Logger, context: Record<string, unknown>): RestReply {
  if (error instanceof DomainError) {
    if (error.code === 'INTERNAL') logger.error({ err: error, ...context }, 'api request failed');
    return errorReply(error.code, { message: error.code === 'INTERNAL' ? ERROR_CODES.INTERNAL : error.message });
  }
  if (hasIssues(error)) return errorReply('VALIDATION_FAILED', { message: describeIssues(error.issues) });
  logger.error({ err: error, ...context }, 'api request failed');
  return errorReply('INTERNAL');
}
