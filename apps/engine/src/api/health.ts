import { authedProcedure, router } from './trpc.ts';

export const healthRouter = router({
  ping: authedProcedure.query(({ ctx }) => ({ lastSeq: ctx.services.lastSeq(), startedAt: ctx.services.startedAt })),
});
