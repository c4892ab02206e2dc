import { ChangePasswordInputSchema, LoginInputSchema } from '@strikedesk/domain';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  login: publicProcedure.input(LoginInputSchema).mutation(async ({ ctx, input }) => {
    const { grant, refreshToken } = await ctx.services.sessions.login(input, ctx.client);
    ctx.refreshCookie.set(refreshToken);
    return grant;
  }),

  refresh: publicProcedure.mutation(async ({ ctx }) => {
    try {
      const { grant, refreshToken } = await ctx.services.sessions.refresh(ctx.refreshCookie.read(), ctx.client);
      ctx.refreshCookie.set(refreshToken);
      return grant;
    } catch (error) {
      // A dead token stays dead: drop it from the browser so it stops presenting it.
      ctx.refreshCookie.clear();
      throw error;
    }
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.services.sessions.logout(ctx.refreshCookie.read());
    ctx.refreshCookie.clear();
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => ctx.user),

  /** Viewers may change their own password too. Other sessions end; this one gets a new cookie. */
  changePassword: authedProcedure.input(ChangePasswordInputSchema).mutation(async ({ ctx, input }) => {
    const { grant, refreshToken } = await ctx.services.sessions.changePassword(ctx.user, input, ctx.client);
    ctx.refreshCookie.set(refreshToken);
    return grant;
  }),
});
