import { z } from 'zod';
import { ChangePasswordInputSchema, DomainError, LoginInputSchema, RefreshSessionInputSchema, SwitchAccountInputSchema, TradingAccountSchema } from '@strikedesk/domain';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  login: publicProcedure.input(LoginInputSchema).mutation(async ({ ctx, input }) => {
    const { grant, refreshToken } = await ctx.services.sessions.login(input, ctx.client);
    ctx.refreshCookie.set(refreshToken);
    return grant;
  }),

  /** `{ accountId }`: stay on the trading account this tab chose (auth.switchAccount), if it is still the user's. */
  refresh: publicProcedure.input(RefreshSessionInputSchema).mutation(async ({ ctx, input }) => {
    try {
      const { grant, refreshToken } = await ctx.services.sessions.refresh(ctx.refreshCookie.read(), ctx.client, input?.accountId);
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
    if (user) ctx.services.live.disconnectUser(user.userId);
    ctx.refreshCookie.clear();
    return { ok: true as const };
  }),

  me: authedProcedure.query(({ ctx }) => ctx.user),

  /** The user's trading accounts, oldest (paper) first; live ones with their broker account's state. */
  accounts: authedProcedure.output(z.array(TradingAccountSchema)).query(({ ctx }) => ctx.services.identity.accounts.listForUser(ctx.user.userId)),

  /**
   * A new access token acting on another of the user's trading accounts: every procedure reads the
   * account from the token, so orders, positions, halts… follow. The web reconnects its socket with
   * it (a socket joins its token's account at the handshake).
   */
  switchAccount: authedProcedure.input(SwitchAccountInputSchema).mutation(async ({ ctx, input }) => {
    const grant = await ctx.services.sessions.switchAccount(ctx.user, ctx.sessionId, input.accountId);
    ctx.services.logger.info({ userId: ctx.user.userId, from: ctx.user.accountId, to: grant.user.accountId }, 'trading account switched');
    return grant;
  }),

  /** Viewers may change their own password too. Other sessions end; this one gets a new cookie. */
  changePassword: authedProcedure.input(ChangePasswordInputSchema).mutation(async ({ ctx, input }) => {
    const { grant, refreshToken } = await ctx.services.sessions.changePassword(ctx.user, input, ctx.client);
    // Every socket of the user goes, this tab's too (it reconnects with the token it gets here).
    // Other devices' sessions just ended: their sockets come back at most until their current
    // access token expires, and cannot be renewed after that.
    ctx.services.live.disconnectUser(ctx.user.userId);
    ctx.refreshCookie.set(refreshToken);
    return grant;
  }),
});
