import { ApiKeyRefSchema } from '@strikedesk/domain';
import { adminProcedure, router } from '../trpc.ts';

/**
 * Admin → API keys: every user's keys with their owner, and revoking anyone's. A trader's own
 * keys are theirs alone under apiKeys.*; an admin still needs to see which programs act on which
 * accounts and to shut one out (a leaked key, a trader who left) without asking its owner.
 */
export const adminApiKeysRouter = router({
  list: adminProcedure.query(({ ctx }) => ctx.services.apiKeys.listAll()),

  /** Takes effect on the key's next request; API_KEY_NOT_FOUND for an unknown id. */
  revoke: adminProcedure.input(ApiKeyRefSchema).mutation(async ({ ctx, input }) => {
    const apiKey = await ctx.services.apiKeys.revokeAny(input.id);
    ctx.services.logger.warn({ apiKeyId: apiKey.id, prefix: apiKey.prefix, owner: apiKey.userId, by: ctx.user.userId }, 'api key revoked by an admin');
    return apiKey;
  }),
});
