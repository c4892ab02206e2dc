import { NotificationSettingsSchema } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';

/** Where the caller's signal outcomes are sent besides the terminal (their own settings only). */
export const notificationsRouter = router({
  get: authedProcedure.query(({ ctx }) => ctx.services.notifications.get(ctx.user.userId)),
  set: authedProcedure.input(NotificationSettingsSchema).mutation(({ ctx, input }) => ctx.services.notifications.set(ctx.user.userId, input)),
});
