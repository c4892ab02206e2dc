import { initTRPC, TRPCError } from '@trpc/server';
import { canAdminister, canTrade, DomainError } from '@strikedesk/domain';
import { describeError } from './app-error.ts';
import type { Context } from './context.ts';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const described = describeError(error);
    return {
      code: shape.code,
      message: described.message,
      // Rebuilt rather than spread: the default data carries a stack trace in development.
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, appCode: described.appCode },
    };
  },
});

/**
 * Turns whatever a procedure threw into the right tRPC code (hence HTTP status) carrying a
 * DomainError, so errorFormatter and status always agree. Unknown errors are logged here, where
 * the original is still at hand, and leave as INTERNAL.
 */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const described = describeError(result.error);
  if (described.appCode === 'INTERNAL') {
    ctx.services.logger.error({ err: result.error.cause ?? result.error, path }, 'procedure failed');
  }
  if (result.error.cause instanceof DomainError && result.error.code === described.trpcCode) return result;
  throw new TRPCError({
    code: described.trpcCode,
    message: described.message,
    cause: new DomainError(described.appCode, described.message),
  });
});

const fail = (code: ConstructorParameters<typeof DomainError>[0]): never => {
  throw new DomainError(code);
};

export const router = t.router;

export const publicProcedure = t.procedure.use(mapErrors);

/**
 * A user whose access token is valid now: signed, unexpired, and its session and user not revoked
 * (checked against the in-memory revocation list when the context was built).
 */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.sessionId) return fail(ctx.refusal);
  return next({ ctx: { user: ctx.user, sessionId: ctx.sessionId } });
});

export const traderProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!canTrade(ctx.user.role)) fail('VIEWER_CANNOT_TRADE');
  return next();
});

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!canAdminister(ctx.user.role)) fail('FORBIDDEN_ROLE');
  return next();
});
