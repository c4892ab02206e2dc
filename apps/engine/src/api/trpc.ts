import { initTRPC, TRPCError } from '@trpc/server';
import { DomainError } from '@strikedesk/domain';
import { describeError, trpcCodeFor } from './error-mapping.ts';
import type { EngineServices } from './services.ts';

/** Context of every call: the connection was authenticated with ENGINE_TOKEN in createContext. */
export type EngineContext = { services: EngineServices };

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

/** Gives a DomainError its proper tRPC code (it would otherwise surface as INTERNAL_SERVER_ERROR). */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodeFor(cause.code), message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
/** Every engine procedure requires the authenticated connection established in createContext. */
export const authedProcedure = t.procedure.use(domainErrors);
