import { CreateUserInputSchema } from '@strikedesk/domain';
import type { IdentityUser } from '@strikedesk/db/identity';
import { hashPassword } from '../../auth/password.ts';
import { adminProcedure, router } from '../trpc.ts';
import { adminBrokerAccountsRouter } from './admin-broker-accounts.ts';
import { adminHaltsRouter } from './admin-halts.ts';
import { adminKillSwitchRouter } from './admin-kill-switch.ts';
import { adminRiskRouter } from './admin-risk.ts';

const toAdminView = (user: IdentityUser) => ({
  userId: user.userId,
  username: user.username,
  role: user.role,
  accountId: user.accountId,
  /** Epoch ms, like every timestamp on the API. */
  createdAt: user.createdAt,
});

export const adminRouter = router({
  users: router({
    list: adminProcedure.query(async ({ ctx }) => (await ctx.services.identity.users.list()).map(toAdminView)),

    create: adminProcedure.input(CreateUserInputSchema).mutation(async ({ ctx, input }) => {
      const user = await ctx.services.identity.users.create({
        username: input.username,
        passwordHash: await hashPassword(input.password),
        role: input.role,
      });
      ctx.services.logger.info({ userId: user.userId, role: user.role, by: ctx.user.userId }, 'user created');
      return toAdminView(user);
    }),
  }),
  risk: adminRiskRouter,
  halts: adminHaltsRouter,
  killSwitch: adminKillSwitchRouter,
  brokerAccounts: adminBrokerAccountsRouter,
});
