import { TRPCClientError } from '@trpc/client';
import { DomainError, isErrorCode } from '@strikedesk/domain';

/** Thrown when the engine did not answer within the call timeout; the request may have been sent. */
export const ENGINE_TIMEOUT_MESSAGE =
  'The trading engine did not answer in time. Check your orders before trying again.';

export class EngineTimeoutError extends Error {
  constructor() {
    super('engine call timed out');
    this.name = 'EngineTimeoutError';
  }
}

const readAppCode = (data: unknown): unknown =>
  typeof data === 'object' && data !== null && 'appCode' in data ? data.appCode : undefined;

/**
 * Every engine failure becomes a DomainError the trader can read: the engine's own appCode and
 * message pass through; transport failures become ENGINE_UNAVAILABLE; anything else is INTERNAL
 * (the original is logged by the caller, never shown).
 */
export function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof EngineTimeoutError) return new DomainError('ENGINE_UNAVAILABLE', ENGINE_TIMEOUT_MESSAGE);
  if (error instanceof TRPCClientError) {
    const appCode = readAppCode(error.data);
    if (isErrorCode(appCode)) {
      // INTERNAL from the engine keeps the generic text: its message may carry internals.
      return appCode === 'INTERNAL' ? new DomainError('INTERNAL') : new DomainError(appCode, error.message);
    }
    // No error shape means the request never got an answer: the socket closed or never opened.
    if (!error.shape) return new DomainError('ENGINE_UNAVAILABLE');
    const code = readCode(error.data);
    if (code === 'BAD_REQUEST') return new DomainError('VALIDATION_FAILED', error.message);
    return new DomainError('INTERNAL');
  }
  return new DomainError('INTERNAL');
}

const readCode = (data: unknown): unknown => (typeof data === 'object' && data !== null && 'code' in data ? data.code : undefined);
