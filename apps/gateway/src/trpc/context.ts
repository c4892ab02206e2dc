import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionUser } from '@strikedesk/domain';
import { bearerToken } from '../auth/access-token.ts';
import { createRefreshCookieJar, type RefreshCookieJar, type RefreshCookieOptions } from '../auth/refresh-cookie.ts';
import { clientIp } from '../http/client-ip.ts';
import { publicOrigin } from '../http/public-origin.ts';
import type { GatewayServices } from './services.ts';

export type Context = {
  services: GatewayServices;
  /** Verified from the access token; null when absent, invalid or expired. */
  user: SessionUser | null;
  refreshCookie: RefreshCookieJar;
  client: { ip: string; userAgent: string | null };
  /** Where browsers reach this gateway (PUBLIC_URL, or a loopback Host); null when unknown. */
  publicOrigin: string | null;
};

export function createContextFactory(
  services: GatewayServices,
  options: { cookie: RefreshCookieOptions; trustProxy: boolean; publicUrl: string | undefined },
) {
  return async ({ req, res }: { req: IncomingMessage; res: ServerResponse }): Promise<Context> => {
    const token = bearerToken(req.headers.authorization);
    return {
      services,
      user: token ? await services.accessTokens.verify(token) : null,
      refreshCookie: createRefreshCookieJar(req, res, options.cookie),
      client: { ip: clientIp(req, options.trustProxy), userAgent: req.headers['user-agent']?.slice(0, 300) ?? null },
      publicOrigin: publicOrigin(req, options.publicUrl),
    };
  };
}
