import { DomainError } from '@strikedesk/domain';
import type { Logger } from '../logger.ts';
import type { EngineConnection } from './engine-connection.ts';
import { EngineTimeoutError, toDomainError } from './engine-errors.ts';

export type EngineCall = <T>(label: string, run: (signal: AbortSignal) => Promise<T>, options?: { timeoutMs?: number }) => Promise<T>;

/**
 * Runs one engine request with a deadline. The tRPC WebSocket client would queue a request until
 * the socket reopens — a trader's click must not hang on that, so a disconnected engine fails at
 * once (nothing was sent) and a silent one fails at the timeout.
 */
export function createEngineCall(connection: EngineConnection, options: { timeoutMs: number; logger: Logger }): EngineCall {
  return async (label, run, callOptions) => {
    if (!connection.isConnected()) throw new DomainError('ENGINE_UNAVAILABLE');
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new EngineTimeoutError());
      }, callOptions?.timeoutMs ?? options.timeoutMs);
    });
    try {
      return await Promise.race([run(controller.signal), deadline]);
    } catch (error) {
      const mapped = toDomainError(error);
      if (mapped.code === 'INTERNAL' || mapped.code === 'ENGINE_UNAVAILABLE') {
        options.logger.warn({ err: error, call: label }, 'engine call failed');
      }
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  };
}
