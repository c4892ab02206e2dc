import { timingSafeEqual } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import type { CreateWSSContextFnOptions } from '@trpc/server/adapters/ws';
import type { EngineServices } from './services.ts';
import type { EngineContext } from './trpc.ts';

function sameSecret(provided: string, expected: string): boolean {
  const a = Buffer.from(provided);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Authenticates each WebSocket connection once, from `connectionParams.token`. Throwing here makes
 * tRPC answer with an UNAUTHORIZED error and close the socket. The context also exposes how much
 * the socket holds unsent, so subscriptions can pace themselves on a slow consumer.
 */
export function createContextFactory(services: EngineServices, token: string) {
  return ({ info, res }: CreateWSSContextFnOptions): EngineContext => {
    const provided = info.connectionParams?.['token'];
    if (typeof provided !== 'string' || !sameSecret(provided, token)) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'invalid engine token' });
    }
    return { services, connection: { bufferedAmount: () => res.bufferedAmount } };
  };
}
