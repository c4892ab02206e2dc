import { CreateUserInputSchema, ResetUserPasswordInputSchema, SetUserDisabledInputSchema, SetUserRoleInputSchema } from '@strikedesk/domain';
import { hashPassword } from '../../auth/password.ts';
import { adminProcedure, router } from '../trpc.ts';
import { adminApiKeysRouter } from './admin-api-keys.ts';
import { adminBrokerAccountsRouter } from './admin-broker-accounts.ts';
import { adminHaltsRouter } from './admin-halts.ts';
import { adminKillSwitchRouter } from './admin-kill-switch.ts';
import { adminRiskRouter } from './admin-risk.ts';
import { toAdminView, toAdminViews } from './admin-user-view.ts';

export const adminRouter = router({
  users: router({
    list: adminProcedure.query(async ({ ctx }) => {
      const { users, accounts } = ctx.services.identity;
      const [all, owned] = await Promise.all([users.list(), accounts.listAll()]);
      return toAdminViews(all, owned);
    }),

    create: adminProcedure.input(CreateUserInputSchema).mutation(async ({ ctx, input }) => {
      const user = await ctx.services.identity.users.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
      });
      ctx.services.logger.info({ userId: user.userId, role: user.role, by: ctx.user.userId }, 'user created');
      return toAdminView(user, await ctx.services.identity.accounts.listForUser(user.userId));
    }),

    /**
     * Disabling ends every session of the user at once (their access tokens answer SESSION_REVOKED
     * on every gateway, their sockets close) and their login answers USER_DISABLED; enabling lets
     * them log in again. ADMIN_SELF_LOCKOUT for one's own account, LAST_ADMIN for the last enabled admin.
     */
    setDisabled: adminProcedure.input(SetUserDisabledInputSchema).mutation(async ({ ctx, input }) => {
      const user = await ctx.services.sessions.setUserDisabled(ctx.user, input.userId, input.disabled);
      ctx.services.logger.info({ userId: user.userId, disabled: input.disabled, by: ctx.user.userId }, input.disabled ? 'user disabled' : 'user enabled');
      return toAdminView(user, await ctx.services.identity.accounts.listForUser(user.userId));
    }),

    /** The user's sessions end, so the new role applies at once. ADMIN_SELF_LOCKOUT / LAST_ADMIN on a demotion. */
    setRole: adminProcedure.input(SetUserRoleInputSchema).mutation(async ({ ctx, input }) => {
      const user = await ctx.services.sessions.setUserRole(ctx.user, input.userId, input.role);
      ctx.services.logger.info({ userId: user.userId, role: user.role, by: ctx.user.userId }, 'user role set');
      return toAdminView(user, await ctx.services.identity.accounts.listForUser(user.userId));
    }),

    /**
     * A generated one-time password, in this answer only (never logged or stored in clear); the user
     * must change it after logging in with it, and every session of theirs ends now. Their API keys
     * keep working unless `revokeApiKeys` (a compromised account): revoked first, so a failed reset
     * never leaves a thief's program running while the admin believes it shut out.
     */
    resetPassword: adminProcedure.input(ResetUserPasswordInputSchema).mutation(async ({ ctx, input }) => {
      const revokedApiKeys = input.revokeApiKeys ? await ctx.services.apiKeys.revokeAllOf(input.userId) : 0;
      const { user, password } = await ctx.services.sessions.resetUserPassword(ctx.user, input.userId);
      ctx.services.logger.info({ userId: user.userId, revokedApiKeys, by: ctx.user.userId }, 'user password reset');
      return { user: toAdminView(user, await ctx.services.identity.accounts.listForUser(user.userId)), password, revokedApiKeys };
    }),
  }),
  risk: adminRiskRouter,
  halts: adminHaltsRouter,
  killSwitch: adminKillSwitchRouter,
  brokerAccounts: adminBrokerAccountsRouter,
  apiKeys: adminApiKeysRouter,
});
