import { publicProcedure, router } from '../trpc.ts';

export const systemRouter = router({
  info: publicProcedure.query(({ ctx }) => ({
    version: ctx.services.version,
    // No broker or market here: both depend on the trading account and the engine's feed
    // (market.session, trading accounts), and a fixed "paper / simulated" was wrong on a live setup.
    engineConnected: ctx.services.engine.isConnected(),
  })),
});
