import { publicProcedure, router } from '../trpc.ts';

export const systemRouter = router({
  info: publicProcedure.query(({ ctx }) => ({
    version: ctx.services.version,
    broker: 'paper' as const,
    market: 'simulated' as const,
    engineConnected: ctx.services.engine.isConnected(),
  })),
});
