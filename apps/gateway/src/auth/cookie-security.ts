import { isIP } from 'node:net';

const isLoopbackHost = (host: string): boolean => {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
};

/**
 * COOKIE_SECURE stays off by default because `npm start` serves plain http://127.0.0.1, where a
 * Secure cookie would never be sent back. Listening beyond loopback means real networks, where
 * the refresh token must not travel in clear: say so loudly at startup rather than refuse, since
 * TLS may legitimately end at a proxy in front of us.
 */
export function insecureCookieWarning(env: { HOST: string; COOKIE_SECURE: boolean; PUBLIC_URL?: string | undefined }): string | null {
  if (servedOverTls(env) || isLoopbackHost(env.HOST)) return null;
  return `HOST ${env.HOST} is reachable beyond this machine but COOKIE_SECURE is false: the refresh cookie lacks the Secure flag and can travel over plain HTTP. Serve over HTTPS and set COOKIE_SECURE=true.`;
}

/**
 * Browsers reach the desk over HTTPS: COOKIE_SECURE says so, or PUBLIC_URL (the address browsers
 * use) is https://. Then the refresh cookie is Secure and answers carry HSTS. A TLS proxy in front
 * of a gateway listening on loopback is the usual production setup, and there COOKIE_SECURE was
 * easy to forget with nothing warning about it: the cookie then lacked Secure.
 */
export function servedOverTls(env: { COOKIE_SECURE: boolean; PUBLIC_URL?: string | undefined }): boolean {
  return env.COOKIE_SECURE || (env.PUBLIC_URL?.startsWith('https://') ?? false);
}
