import { z } from 'zod';
import { AccountIdSchema, UserIdSchema } from './ids.ts';

/**
 * What an API key for external clients may do. `read` lists orders and positions; `trade` also
 * places, modifies and cancels orders — through the same engine risk path as the terminal.
 */
export const API_KEY_SCOPES = ['read', 'trade'] as const;
export const ApiKeyScopeSchema = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScopeSchema>;

export const ApiKeyIdSchema = z.string().uuid().brand<'ApiKeyId'>();
export type ApiKeyId = z.infer<typeof ApiKeyIdSchema>;

/**
 * A key as listed: never its secret (only a hash is kept). `prefix` is the public part of the key
 * (`sdk_<prefix>_<secret>`), shown so a trader can tell which key a client uses.
 */
export const ApiKeySchema = z.object({
  id: ApiKeyIdSchema,
  name: z.string(),
  /** The owner's trading account the key reads and trades: paper, or a live one (chosen at creation, fixed). */
  accountId: AccountIdSchema,
  prefix: z.string(),
  scopes: z.array(ApiKeyScopeSchema),
  createdAt: z.number().int(),
  /** Updated at most once a minute, so it is "used around then", not the exact last request. */
  lastUsedAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;

/** A client that may trade must also read its orders back, so `trade` always comes with `read`. */
export const normalizeApiKeyScopes = (scopes: readonly ApiKeyScope[]): ApiKeyScope[] =>
  API_KEY_SCOPES.filter((scope) => scopes.includes(scope) || (scope === 'read' && scopes.includes('trade')));

export const CreateApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'Name the key (e.g. the program that will use it)').max(60),
  /** One of the caller's trading accounts; by default the one the session is on (the header's). */
  accountId: AccountIdSchema.optional(),
  scopes: z.array(ApiKeyScopeSchema).min(1, 'Choose at least one scope').max(API_KEY_SCOPES.length).transform(normalizeApiKeyScopes),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInputSchema>;

/** The answer to create: `key` is the full secret, shown this once and never again. */
export const CreatedApiKeySchema = z.object({ apiKey: ApiKeySchema, key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKeySchema>;

export const ApiKeyRefSchema = z.object({ id: ApiKeyIdSchema });
export type ApiKeyRef = z.infer<typeof ApiKeyRefSchema>;

/**
 * A key as Admin → API keys lists it: every user's, with its owner, so an admin can see which
 * programs act on which accounts and revoke one (a leaked key, a trader who left, a compromised
 * account whose password was reset: a reset does not stop the user's keys).
 */
export const AdminApiKeySchema = ApiKeySchema.extend({ userId: UserIdSchema, username: z.string() });
export type AdminApiKey = z.infer<typeof AdminApiKeySchema>;
