import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '@strikedesk/domain';
import type { KiteHttp } from './kite-http.ts';
import { parseIstTimestamp } from './kite-units.ts';

/**
 * Kite's login: the browser goes to Kite's login page, comes back to our redirect URL with a
 * short-lived `request_token`, which we exchange (proving we hold the API secret by a checksum) for
 * the day's access token. Tokens are flushed around 6 AM; a TokenException means log in again.
 */
export const KITE_LOGIN_URL = 'https://kite.zerodha.com/connect/login';

/** Where "Connect Zerodha" sends the browser. `redirectParams` come back to us on the redirect. */
export function kiteLoginUrl(apiKey: string, options: { loginUrl?: string; redirectParams?: Record<string, string> } = {}): string {
  const params = new URLSearchParams({ v: '3', api_key: apiKey });
  if (options.redirectParams) params.set('redirect_params', new URLSearchParams(options.redirectParams).toString());
  return `${options.loginUrl ?? KITE_LOGIN_URL}?${params.toString()}`;
}

const LOGIN_REFUSED =
  'The broker refused the login: the request token was wrong or already used, or the API secret does not match the API key. Log in again.';

/** hex(sha256(api_key + request_token + api_secret)), lowercase: proof we hold the secret, without sending it. */
export const sessionChecksum = (apiKey: string, requestToken: string, apiSecret: string): string =>
  createHash('sha256').update(apiKey + requestToken + apiSecret).digest('hex');

const ProfileSchema = z.object({
  user_id: z.string(),
  user_name: z.string().nullable().optional(),
  user_shortname: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  user_type: z.string().nullable().optional(),
  broker: z.string().nullable().optional(),
  exchanges: z.array(z.string()).default([]),
  products: z.array(z.string()).default([]),
  order_types: z.array(z.string()).default([]),
});

const SessionSchema = ProfileSchema.extend({
  access_token: z.string().min(1),
  public_token: z.string().nullable().optional(),
  refresh_token: z.string().nullable().optional(),
  login_time: z.string().nullable().optional(),
});

export type KiteProfile = {
  userId: string;
  userName: string | null;
  userShortName: string | null;
  email: string | null;
  broker: string | null;
  /** What the account may trade, as Kite names them (NSE, NFO, ...; MIS, NRML, ...). */
  exchanges: string[];
  products: string[];
  orderTypes: string[];
};

export type KiteSession = KiteProfile & {
  accessToken: string;
  /** For the ticker's postbacks/websocket (not secret on its own). */
  publicToken: string | null;
  /** Only issued to approved platforms; empty for ordinary apps. */
  refreshToken: string | null;
  loginTime: number | null;
};

const toProfile = (data: z.infer<typeof ProfileSchema>): KiteProfile => ({
  userId: data.user_id,
  userName: data.user_name ?? null,
  userShortName: data.user_shortname ?? null,
  email: data.email ?? null,
  broker: data.broker ?? null,
  exchanges: data.exchanges,
  products: data.products,
  orderTypes: data.order_types,
});

/**
 * Exchanges the redirect's request_token for an access token and starts using it. The API secret
 * is passed in, not kept: it is needed once a day, and the fewer places hold it the better.
 */
export async function generateSession(http: KiteHttp, requestToken: string, apiSecret: string): Promise<KiteSession> {
  const data = await http
    .data(
      {
        method: 'POST',
        path: '/session/token',
        authenticated: false,
        form: { api_key: http.apiKey, request_token: requestToken, checksum: sessionChecksum(http.apiKey, requestToken, apiSecret) },
      },
      SessionSchema,
    )
    .catch((error: unknown) => {
      // A refused exchange is a failed login, not an expired session: say so (the code stays stable).
      if (error instanceof DomainError && (error.code === 'BROKER_SESSION_EXPIRED' || error.code === 'BROKER_INPUT_REJECTED')) {
        throw new DomainError(error.code, LOGIN_REFUSED, error.details);
      }
      throw error;
    });
  http.setAccessToken(data.access_token);
  return {
    ...toProfile(data),
    accessToken: data.access_token,
    publicToken: data.public_token ?? null,
    refreshToken: data.refresh_token ? data.refresh_token : null,
    loginTime: parseIstTimestamp(data.login_time),
  };
}

/**
 * Logs out (the daily logout the regulator asks for). A session already gone has nothing to end:
 * known expired here, or Kite answering TokenException, both mean the goal is reached.
 */
export async function invalidateSession(http: KiteHttp): Promise<void> {
  const accessToken = http.currentAccessToken;
  if (!http.hasSession || accessToken === null) return;
  try {
    await http.data({ method: 'DELETE', path: '/session/token', query: { api_key: http.apiKey, access_token: accessToken } }, z.unknown());
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'BROKER_SESSION_EXPIRED')) throw error;
  }
  http.setAccessToken(null);
}

/** Who is logged in: a cheap call to check that a stored token still works. */
export async function fetchProfile(http: KiteHttp): Promise<KiteProfile> {
  return toProfile(await http.data({ method: 'GET', path: '/user/profile' }, ProfileSchema));
}
