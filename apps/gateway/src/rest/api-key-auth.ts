import type { IncomingHttpHeaders } from 'node:http';
import { canTrade, DomainError, type ApiKey, type ApiKeyScope, type SessionUser } from '@strikedesk/domain';
import { bearerToken } from '../auth/access-token.ts';
import type { GatewayServices } from '../trpc/services.ts';
import { parseApiKey, secretMatches } from './api-key-secret.ts';

/** Who a REST request acts for: the key's owner as they are now (role), on the trading account the key names, and the key. */
export type ApiCaller = { user: SessionUser; apiKey: ApiKey };

/** last_used_at is written at most this often per key. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

/** `Authorization: Bearer <key>`, else `X-API-Key: <key>`. */
export function presentedApiKey(headers: IncomingHttpHeaders): string | null {
  const bearer = bearerToken(headers.authorization);
  if (bearer) return bearer;
  const header = headers['x-api-key'];
  return typeof header === 'string' && header.trim() !== '' ? header.trim() : null;
}

const invalid = () => new DomainError('API_KEY_INVALID');

/**
 * Every request looks the key and its owner up afresh: a revoked key, a disabled user or a changed
 * role takes effect on the next request, not when some cache expires.
 */
export async function authenticateApiKey(services: Pick<GatewayServices, 'apiKeys' | 'identity'>, key: string | null, now = Date.now()): Promise<ApiCaller> {
  const parsed = key ? parseApiKey(key) : null;
  if (!parsed) throw invalid();
  const stored = await services.apiKeys.findByPrefix(parsed.prefix);
  if (!stored || !secretMatches(parsed.secret, stored.secretHash) || stored.apiKey.revokedAt !== null) throw invalid();
  const owner = await services.identity.users.findById(stored.userId);
  if (!owner || owner.disabled) throw invalid();
  const { lastUsedAt } = stored.apiKey;
  if (lastUsedAt === null || now - lastUsedAt >= API_KEY_TOUCH_INTERVAL_MS) {
    await services.apiKeys.touch(stored.apiKey.id, API_KEY_TOUCH_INTERVAL_MS);
  }
  return { user: { userId: owner.userId, username: owner.username, role: owner.role, accountId: stored.apiKey.accountId }, apiKey: stored.apiKey };
}

/** The key must carry the scope; trading also needs an owner whose role may trade today. */
export function requireScope(caller: ApiCaller, scope: ApiKeyScope): void {
  if (!caller.apiKey.scopes.includes(scope)) {
    throw new DomainError('API_KEY_SCOPE', `This API key does not have the ${scope} scope this request needs.`);
  }
  if (scope === 'trade' && !canTrade(caller.user.role)) throw new DomainError('VIEWER_CANNOT_TRADE');
}
