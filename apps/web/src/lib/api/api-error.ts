import { TRPCClientError } from '@trpc/client';
import { ERROR_CODES, isErrorCode, type ErrorCode } from '@strikedesk/domain';

const errorData = (error: unknown): Record<string, unknown> | null => {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : null;
};

/** The stable application code the gateway put on an error, if any. */
export function errorCodeOf(error: unknown): ErrorCode | null {
  const appCode = errorData(error)?.appCode;
  return isErrorCode(appCode) ? appCode : null;
}

/** True when the access token was missing, expired or revoked: worth one refresh and retry. */
export function isUnauthenticated(error: unknown): boolean {
  return errorCodeOf(error) === 'UNAUTHENTICATED' || errorData(error)?.code === 'UNAUTHORIZED';
}

const looksLikeJson = (text: string): boolean => /^\s*[[{]/.test(text);

/** The sentence to show a trader: the server's message, else the message for its code. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const code = errorCodeOf(error);
    const message = error.message;
    if (message === 'Failed to fetch' || message.startsWith('NetworkError')) {
      return 'The server could not be reached. Check your connection and try again.';
    }
    // Validation failures can arrive as serialized issue lists; those are not for traders.
    if (message && !looksLikeJson(message)) return message;
    return code ? ERROR_CODES[code] : ERROR_CODES.INTERNAL;
  }
  if (error instanceof Error && error.message) return error.message;
  return ERROR_CODES.INTERNAL;
}
