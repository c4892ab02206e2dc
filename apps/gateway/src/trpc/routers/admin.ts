import { CreateUserInputSchema } from '@strikedesk/domain';
import { hashPassword } from '../../auth/password.ts';
import { adminProcedure, router } from '../trpc.ts';
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
  }),
  risk: adminRiskRouter,
  halts: adminHaltsRouter,
  killSwitch: adminKillSwitchRouter,
  brokerAccounts: adminBrokerAccountsRouter,
});
