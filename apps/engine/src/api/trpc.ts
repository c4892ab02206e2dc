import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError } from '@strikedesk/domain';
import { describeError, trpcCodeFor } from './error-mapping.ts';
import type { EngineServices } from './services.ts';

/** The caller's socket, as far as subscriptions need it: bytes queued but not yet sent. */
export type ConnectionInfo = { bufferedAmount(): number };

/** Context of every call: the connection was authenticated with ENGINE_TOKEN in createContext. */
export type EngineContext = { services: EngineServices; connection: ConnectionInfo };

const t = initTRPC.context<EngineContext>().create({
  // Never ship stack traces to the gateway, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const { appCode, message } = describeError(error);
    return {
      code: shape.code,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, appCode },
    };
  },
});

/** A DomainError as the TRPCError with its proper code (else it surfaces as INTERNAL_SERVER_ERROR). */
export const asTRPCError = (error: unknown): unknown =>
  error instanceof DomainError ? new TRPCError({ code: trpcCodeFor(error.code), message: error.message, cause: error }) : error;

/** Gives a DomainError its proper tRPC code (it would otherwise surface as INTERNAL_SERVER_ERROR). */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) throw asTRPCError(result.error.cause);
  return result;
});

/**
 * Errors a subscription throws while iterating bypass middleware; this gives them the same
 * mapping, so a consumer sees e.g. RATE_LIMITED rather than a bare INTERNAL_SERVER_ERROR.
 */
export async function* mapDomainErrors<T>(source: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  try {
    yield* source;
  } catch (error) {
    throw asTRPCError(error);
  }
}

export const router = t.router;
/** Every engine procedure requires the authenticated connection established in createContext. */
export const authedProcedure = t.procedure.use(domainErrors);
