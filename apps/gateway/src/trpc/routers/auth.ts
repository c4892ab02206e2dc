import { ChangePasswordInputSchema, DomainError, LoginInputSchema } from '@strikedesk/domain';
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
      // A dead token stays dead: drop it from the browser so it stops presenting it. Only then:
      // after a transient failure (database blip → INTERNAL) the token is still good, and
      // clearing it would log the user out for nothing.
      if (error instanceof DomainError && error.code === 'SESSION_EXPIRED') ctx.refreshCookie.clear();
      throw error;
    }
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    const user = await ctx.services.sessions.logout(ctx.refreshCookie.read());
    // Live sockets were authorised at their handshake only; end them with the session.
    if (user) ctx.services.live.disconnectAccount(user.accountId);
    ctx.refreshCookie.clear();
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => ctx.user),

  /** Viewers may change their own password too. Other sessions end; this one gets a new cookie. */
  changePassword: authedProcedure.input(ChangePasswordInputSchema).mutation(async ({ ctx, input }) => {
    const { grant, refreshToken } = await ctx.services.sessions.changePassword(ctx.user, input, ctx.client);
    // Every socket of the user goes, this tab's too (it reconnects with the token it gets here).
    // Other devices' sessions just ended: their sockets come back at most until their current
    // access token expires, and cannot be renewed after that.
    ctx.services.live.disconnectAccount(ctx.user.accountId);
    ctx.refreshCookie.set(refreshToken);
    return grant;
  }),
});
