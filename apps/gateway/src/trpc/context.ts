import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionUser } from '@strikedesk/domain';
import { bearerToken } from '../auth/access-token.ts';
import { authenticateAccess } from '../auth/authenticate-access.ts';
import { createRefreshCookieJar, type RefreshCookieJar, type RefreshCookieOptions } from '../auth/refresh-cookie.ts';
import { forwardedClientIp, type ProxyTrust } from '../http/client-ip.ts';
import { publicOrigin } from '../http/public-origin.ts';
import type { GatewayServices } from './services.ts';

/** Why a call carrying an access token has no user: the error an authenticated procedure answers. */
export type AccessRefusal = 'UNAUTHENTICATED' | 'SESSION_REVOKED';

export type Context = {
  services: GatewayServices;
  /** Verified from the access token; null when absent, invalid, expired or revoked. */
  user: SessionUser | null;
  /** The session (refresh-token family) the access token belongs to; null with no user. */
  sessionId: string | null;
  /** SESSION_REVOKED for a genuine token whose session or user was ended; else UNAUTHENTICATED. */
  refusal: AccessRefusal;
  refreshCookie: RefreshCookieJar;
  client: { ip: string; userAgent: string | null };
  /** Where browsers reach this gateway (PUBLIC_URL, or a loopback Host); null when unknown. */
  publicOrigin: string | null;
};

export function createContextFactory(
  services: GatewayServices,
  /**
   * `proxyTrust`: TRUST_PROXY and TRUSTED_PROXIES, as for webhooks and /metrics. The client's
   * address keys the login and password-change limits: behind a proxy named only in TRUSTED_PROXIES
   * every login used to count against the proxy's own address, so five wrong guesses from anyone
   * locked the username out for everybody, its owner included.
   */
  options: { cookie: RefreshCookieOptions; proxyTrust: ProxyTrust; publicUrl: string | undefined },
) {
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const token = bearerToken(req.headers.authorization);
    const check = token ? await authenticateAccess(token, services) : null;
    const access = check?.kind === 'valid' ? check.access : null;
    return {
      services,
      user: access?.user ?? null,
      sessionId: access?.sessionId ?? null,
      refusal: check?.kind === 'revoked' ? 'SESSION_REVOKED' : 'UNAUTHENTICATED',
      refreshCookie: createRefreshCookieJar(req, res, options.cookie),
      client: { ip: forwardedClientIp(req, options.proxyTrust) ?? 'unknown', userAgent: req.headers['user-agent']?.slice(0, 300) ?? null },
      publicOrigin: publicOrigin(req, options.publicUrl),
    };
  };
}
