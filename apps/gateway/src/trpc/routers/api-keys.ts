import { ApiKeyRefSchema, canTrade, CreateApiKeyInputSchema, DomainError, type CreatedApiKey } from '@strikedesk/domain';
import { authedProcedure, router } from '../trpc.ts';
import { newApiKey } from '../../rest/api-key-secret.ts';

// Keys are the caller's own: every store call names ctx.user.userId, so another user's key is
// API_KEY_NOT_FOUND. Any role may hold read keys; only a role that may trade gets a trade key.
export const apiKeysRouter = router({
  list: authedProcedure.query(({ ctx }) => ctx.services.apiKeys.list(ctx.user.userId)),

  /** The full key is in this answer only: the store keeps a hash of its secret. */
  create: authedProcedure.input(CreateApiKeyInputSchema).mutation(async ({ ctx, input }): Promise<CreatedApiKey> => {
    if (input.scopes.includes('trade') && !canTrade(ctx.user.role)) {
      throw new DomainError('VIEWER_CANNOT_TRADE', 'Your account is view-only: it can have read-only API keys, not trade keys.');
    }
    // The account the terminal is on unless another of the caller's own is named.
    const accountId = input.accountId ?? ctx.user.accountId;
    if ((await ctx.services.identity.accounts.ownerOf(accountId)) !== ctx.user.userId) {
      throw new DomainError('VALIDATION_FAILED', 'That trading account is not yours: a key can only act on one of your own accounts.');
    }
    const secret = newApiKey();
    const apiKey = await ctx.services.apiKeys.create({ userId: ctx.user.userId, accountId, name: input.name, scopes: input.scopes, prefix: secret.prefix, secretHash: secret.secretHash });
    ctx.services.logger.info({ apiKeyId: apiKey.id, prefix: apiKey.prefix, scopes: apiKey.scopes, accountId, by: ctx.user.userId }, 'api key created');
    return { apiKey, key: secret.key };
  }),

  /** Takes effect on the key's next request. */
  revoke: authedProcedure.input(ApiKeyRefSchema).mutation(async ({ ctx, input }) => {
    const apiKey = await ctx.services.apiKeys.revoke(input.id, ctx.user.userId);
    ctx.services.logger.info({ apiKeyId: apiKey.id, prefix: apiKey.prefix, by: ctx.user.userId }, 'api key revoked');
    return apiKey;
  }),
});
